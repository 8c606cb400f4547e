//! 矿业权出让 (T11–T13): approvals of sale plans, sale notices and deals for mining and
//! exploration rights, and contract performance and changes.

use super::names::Kind;
use super::places::{self, Body, Site};
use super::text::{self, date_cn, datetime_cn, wan};
use super::{Award, Draft, Gen};
use chrono::Datelike;

/// A deposit: where (division code), what, right (采矿权/探矿权), output (万吨/年, or 万立方米/年
/// for water), price range of the sale (万元).
struct Deposit {
    region: u32,
    mineral: &'static str,
    right: &'static str,
    unit: &'static str,
    output: (u32, u32),
    price: (f64, f64),
}

#[rustfmt::skip]
const DEPOSITS: &[Deposit] = &[
    Deposit { region: 320830, mineral: "凹凸棒石黏土矿", right: "采矿权", unit: "万吨/年", output: (5, 30), price: (800.0, 6_000.0) },
    Deposit { region: 320830, mineral: "建筑用玄武岩矿", right: "采矿权", unit: "万吨/年", output: (100, 500), price: (20_000.0, 120_000.0) },
    Deposit { region: 321183, mineral: "建筑用石料（石灰岩）矿", right: "采矿权", unit: "万吨/年", output: (100, 600), price: (30_000.0, 150_000.0) },
    Deposit { region: 321183, mineral: "水泥用灰岩矿", right: "采矿权", unit: "万吨/年", output: (80, 300), price: (10_000.0, 60_000.0) },
    Deposit { region: 320282, mineral: "陶瓷土矿", right: "采矿权", unit: "万吨/年", output: (3, 20), price: (300.0, 3_000.0) },
    Deposit { region: 320481, mineral: "建筑用石料（凝灰岩）矿", right: "采矿权", unit: "万吨/年", output: (100, 400), price: (15_000.0, 90_000.0) },
    Deposit { region: 320117, mineral: "建筑用石料（凝灰岩）矿", right: "采矿权", unit: "万吨/年", output: (100, 400), price: (20_000.0, 100_000.0) },
    Deposit { region: 320118, mineral: "建筑用石料（凝灰岩）矿", right: "采矿权", unit: "万吨/年", output: (80, 300), price: (10_000.0, 70_000.0) },
    Deposit { region: 320116, mineral: "建筑用玄武岩矿", right: "采矿权", unit: "万吨/年", output: (50, 300), price: (8_000.0, 60_000.0) },
    Deposit { region: 320382, mineral: "水泥用灰岩矿", right: "采矿权", unit: "万吨/年", output: (100, 400), price: (10_000.0, 80_000.0) },
    Deposit { region: 320312, mineral: "建筑用石料（石灰岩）矿", right: "采矿权", unit: "万吨/年", output: (100, 500), price: (15_000.0, 100_000.0) },
    Deposit { region: 320305, mineral: "水泥用灰岩矿", right: "采矿权", unit: "万吨/年", output: (60, 250), price: (6_000.0, 40_000.0) },
    Deposit { region: 320381, mineral: "建筑用花岗岩矿", right: "采矿权", unit: "万吨/年", output: (50, 300), price: (8_000.0, 50_000.0) },
    Deposit { region: 320707, mineral: "建筑用花岗岩矿", right: "采矿权", unit: "万吨/年", output: (50, 200), price: (6_000.0, 40_000.0) },
    Deposit { region: 321112, mineral: "建筑用石料（石灰岩）矿", right: "采矿权", unit: "万吨/年", output: (100, 400), price: (15_000.0, 90_000.0) },
    Deposit { region: 320803, mineral: "岩盐矿", right: "采矿权", unit: "万吨/年", output: (30, 150), price: (5_000.0, 40_000.0) },
    Deposit { region: 320413, mineral: "岩盐矿", right: "采矿权", unit: "万吨/年", output: (30, 120), price: (5_000.0, 30_000.0) },
    Deposit { region: 320813, mineral: "芒硝矿", right: "采矿权", unit: "万吨/年", output: (20, 100), price: (3_000.0, 20_000.0) },
    Deposit { region: 320115, mineral: "地热（地热水）", right: "探矿权", unit: "万立方米/年", output: (3, 20), price: (50.0, 600.0) },
    Deposit { region: 321281, mineral: "地热（地热水）", right: "探矿权", unit: "万立方米/年", output: (3, 15), price: (40.0, 400.0) },
    Deposit { region: 320722, mineral: "地热（地热水）", right: "采矿权", unit: "万立方米/年", output: (5, 20), price: (100.0, 900.0) },
    Deposit { region: 320981, mineral: "地热（地热水）", right: "探矿权", unit: "万立方米/年", output: (3, 15), price: (40.0, 400.0) },
    Deposit { region: 320803, mineral: "岩盐矿", right: "探矿权", unit: "万吨/年", output: (30, 100), price: (500.0, 3_000.0) },
];

/// One right: approval → sale notice → deal → (result) → (performance/change).
pub(super) fn project(g: &mut Gen) {
    let d = g.one(DEPOSITS);
    let region = d.region;
    let provincial = d.mineral.contains("盐") || d.mineral.contains("芒硝") || (d.right == "探矿权" && g.chance(50));
    let approver_region = if provincial { places::PROVINCE } else { places::city(region).code };
    let approver = places::org(approver_region, Body::NaturalResources);
    let local = places::org(region, Body::NaturalResources);
    let center = if provincial {
        "江苏省公共资源交易中心".to_string()
    } else {
        places::org(region, Body::TradingCenter)
    };
    let place = format!("{}{}", places::prefix(region), places::town(&mut g.rng));
    let mine = format!("{place}{}", d.mineral);
    let notice_day = g.start();
    let year = notice_day.year();
    let abbr = if provincial { "苏".to_string() } else { places::city(region).abbr.to_string() };
    let kind = if d.right == "采矿权" { "采" } else { "探" };
    let code = format!("{abbr}矿{kind}〔{year}〕{}号", g.serial(format!("{abbr}矿{kind}{year}"), 3));
    let area = 0.05 + g.rng.f64() * if d.right == "探矿权" { 8.0 } else { 1.2 };
    let points = g.range(4, 12);
    let depth = format!("+{}米至-{}米", g.range(20, 180), g.range(10, 200));
    let output = g.range(d.output.0, d.output.1);
    let years = if d.right == "探矿权" { 5 } else { g.range(5, 20) };
    let reserve = output * years * g.range(11, 14) / 10;
    let start_price = g.money(d.price.0, d.price.1);
    let deposit = (start_price * 0.2 / 10_000.0).round() * 10_000.0;
    let right = d.right;
    let phone = places::phone(&mut g.rng, region);

    // 出让批复 (T11): a decision, published within 7 working days.
    let back = g.range(15, 60) as i64;
    let approved_pub = g.workday_on_or_after(notice_day - chrono::Duration::days(back));
    {
        let formed = g.formed(Some("T11"), approved_pub);
        let doc = g.doc(&format!("{abbr}自然资函"), approved_pub.year());
        let mut b = text::Body::new();
        b.p(format!("{local}：\n你局《关于{mine}{right}出让方案的请示》收悉。经研究，批复如下："));
        b.p(format!("一、同意{mine}{right}以挂牌方式公开出让。"));
        b.p(format!(
            "二、出让范围由{points}个拐点圈定，面积{area:.4}平方千米，{}{depth}标高。出让年限{years}年，{}{output}{}。",
            if right == "采矿权" { "开采深度" } else { "勘查深度" },
            if right == "采矿权" { "生产规模" } else { "设计规模" },
            d.unit
        ));
        b.p(format!("三、{right}出让收益起始价按照评估结果确定为{}，由竞得人按规定缴纳。", wan(start_price)));
        b.p("四、请按照《矿业权出让交易规则》组织实施出让，出让结果及时报我厅（局）备案，并做好矿山地质环境保护与土地复垦工作。");
        b.sign(format!("{approver}\n{}", date_cn(formed.unwrap_or(approved_pub))));
        let draft = Draft {
            title: format!("关于{mine}{right}出让方案的批复（{doc}）"),
            body: b.finish(),
            publisher: approver.clone(),
            site: *g.one(&[Site::ProvLand, Site::CityLand]),
            section: "kyqsp",
            code: Some(code.clone()),
            amount: Some(start_price),
            ..Draft::new("T11", approver_region, approved_pub, formed)
        };
        g.emit(draft);
    }

    // 出让公告 (T12).
    let (site, section) = *g.weighted(&[((Site::Jsggzy, "003006"), 55), ((Site::ProvLand, "kyqcr"), 45)]);
    let open = g.later_days(notice_day, 20, 25);
    let close = g.later(open, 10, 10);
    {
        let formed = g.formed(Some("T12"), notice_day);
        let mut b = text::Body::new();
        b.p(format!("经{approver}批准，{local}决定以挂牌方式出让{mine}{right}，现将有关事项公告如下："));
        b.p(format!(
            "一、出让{right}基本情况\n项目编号：{code}\n矿区范围：由{points}个拐点圈定，面积{area:.4}平方千米\n{}：{depth}\n出让年限：{years}年\n{}：{output}{}\n{}：{reserve}{}\n出让收益起始价：{}\n竞买保证金：{}",
            if right == "采矿权" { "开采深度" } else { "勘查深度" },
            if right == "采矿权" { "生产规模" } else { "设计规模" },
            d.unit,
            if right == "采矿权" { "保有资源量" } else { "预测资源量" },
            d.unit.trim_end_matches("/年"),
            wan(start_price),
            wan(deposit)
        ));
        b.p(format!("二、竞买人资格\n中华人民共和国境内注册、具有独立法人资格的企业（注册资本不低于{}万元），且未被列入严重失信主体名单。本次挂牌不接受联合竞买。", g.one(&["500", "1000", "3000"])));
        b.p(format!(
            "三、挂牌时间\n{}至{}。挂牌地点：{center}。挂牌期满，按照价高者得的原则确定竞得人。",
            datetime_cn(open, 9, 0),
            datetime_cn(close, 15, 0)
        ));
        b.opt("四、竞得人须在成交后签订《矿业权出让合同》，按规定缴纳出让收益，编制矿产资源开发利用与生态保护修复方案，依法办理勘查或采矿许可证。");
        b.p(format!("联系单位：{local}\n联系电话：{phone}"));
        let draft = Draft {
            title: format!("{mine}{right}挂牌出让公告"),
            body: b.finish(),
            publisher: center.clone(),
            site,
            section,
            code: Some(code.clone()),
            amount: Some(start_price),
            ..Draft::new("T12", region, notice_day, formed)
        };
        g.emit(draft);
    }

    // 成交公示 (T12).
    let buyer = g.company(Kind::Mining, region);
    let buyer_name = g.name(buyer);
    let deal = if g.chance(40) {
        start_price
    } else {
        (start_price * (1.0 + g.rng.f64().powi(2) * 1.5) / 10_000.0).round() * 10_000.0
    };
    let deal_day = g.later(close, 0, 2);
    {
        let formed = g.formed(Some("T12"), deal_day);
        let mut b = text::Body::new();
        b.p(format!(
            "{mine}{right}（项目编号：{code}）于{}至{}在{center}挂牌出让，现将成交结果公示如下：",
            date_cn(open),
            date_cn(close)
        ));
        b.p(format!("竞得人：{buyer_name}\n成交价（出让收益）：{}\n起始价：{}\n成交时间：{}\n矿区面积：{area:.4}平方千米\n出让年限：{years}年", wan(deal), wan(start_price), date_cn(deal_day)));
        b.p(format!(
            "公示期为10个工作日（{}至{}）。对公示结果有异议的，请在公示期内以书面形式向{local}反映。",
            date_cn(deal_day),
            date_cn(g.later(deal_day, 10, 10))
        ));
        b.opt(
            "竞得人应在公示期满后按规定签订出让合同、缴纳出让收益，逾期未签订的，取消其竞得资格，竞买保证金不予退还。",
        );
        let draft = Draft {
            title: format!("{mine}{right}挂牌出让成交公示"),
            body: b.finish(),
            publisher: center.clone(),
            site,
            section,
            code: Some(code.clone()),
            amount: Some(deal),
            entities: vec![buyer_name.clone()],
            ..Draft::new("T12", region, deal_day, formed)
        };
        g.emit(draft);
    }
    g.mines.push(Award {
        company: buyer,
        manager: None,
        owner: local.clone(),
        project: format!("{mine}{right}"),
        code: code.clone(),
        region,
        amount: deal,
        date: deal_day,
    });

    // 出让结果 (T12).
    let signed = g.later(deal_day, 12, 25);
    if g.chance(40) {
        let published = g.later(signed, 1, 8);
        let formed = g.formed(Some("T12"), published);
        let mut b = text::Body::new();
        b.p(format!("根据《矿业权出让交易规则》，现将{mine}{right}出让结果公开如下："));
        b.p(format!("项目编号：{code}\n{right}人：{buyer_name}\n出让方式：挂牌出让\n成交价（出让收益）：{}\n出让合同签订日期：{}\n出让收益缴纳方式：{}", wan(deal), date_cn(signed), if deal > 1e8 { "分期缴纳，首期缴纳比例不低于20%" } else { "一次性缴纳" }));
        b.p(format!("矿区范围：由{points}个拐点圈定，面积{area:.4}平方千米，{depth}标高。"));
        let draft = Draft {
            title: format!("{mine}{right}出让结果公示"),
            body: b.finish(),
            publisher: local.clone(),
            site: Site::ProvLand,
            section: "kyqcr",
            code: Some(code.clone()),
            amount: Some(deal),
            entities: vec![buyer_name.clone()],
            ..Draft::new("T12", region, published, formed)
        };
        g.emit(draft);
    }

    if g.chance(35) {
        let day = g.after(Some(signed), 150, 700);
        performance_record(g, region, &local, &code, &mine, right, &buyer_name, deal, day);
    }
}

#[allow(clippy::too_many_arguments)]
fn performance_record(
    g: &mut Gen,
    region: u32,
    local: &str,
    code: &str,
    mine: &str,
    right: &str,
    holder: &str,
    deal: f64,
    published: chrono::NaiveDate,
) {
    let formed = g.formed(Some("T13"), published);
    let mut b = text::Body::new();
    let mut entities = vec![holder.to_string()];
    let title = match g.range(0, 2) {
        0 => {
            b.p(format!("{mine}{right}（项目编号：{code}）由{holder}竞得。"));
            b.p(format!(
                "履约情况：{right}人已{}，出让收益{}已按合同约定缴纳{}。",
                g.one(&[
                    "取得采矿许可证并完成矿山基建",
                    "按期开展勘查工作并提交阶段性勘查报告",
                    "完成矿山地质环境治理恢复基金计提"
                ]),
                wan(deal),
                g.one(&["完毕", "首期款，剩余部分按年度分期缴纳"])
            ));
            b.p("矿山地质环境保护与土地复垦义务履行情况：已按方案实施，经现场核查未发现违规开采行为。");
            format!("{mine}{right}出让合同履约情况公示")
        }
        1 => {
            let new_holder = g.company(Kind::Mining, region);
            let new_name = g.name(new_holder);
            b.p(format!("{holder}申请将{mine}{right}（项目编号：{code}）转让给{new_name}。"));
            b.p(format!("经审查，转让双方符合《探矿权采矿权转让管理办法》规定的条件，{right}出让收益已缴清，现将转让变更情况公示如下：原{right}人：{holder}；受让人：{new_name}；转让方式：协议转让。"));
            b.p(format!("公示期10个工作日，如有异议请向{local}书面反映。"));
            entities.push(new_name);
            format!("{mine}{right}转让变更公示")
        }
        _ => {
            b.p(format!(
                "{holder}申请变更{mine}{right}（项目编号：{code}）的{}。",
                g.one(&["生产规模", "开采深度", "有效期限"])
            ));
            b.p(format!(
                "变更内容：{}。",
                g.one(&[
                    "生产规模由原核定规模调整为核定规模的80%，以落实矿山生态修复要求",
                    "开采深度下限调整，矿区范围不变",
                    "有效期延续3年"
                ])
            ));
            b.p(format!("经审查，符合变更登记条件，{local}予以办理变更登记，现予公告。"));
            b.p("变更后，矿业权人应严格按照批准的矿产资源开发利用与生态保护修复方案组织生产，落实矿山地质环境保护与土地复垦义务，按规定报送矿业权人勘查开采信息。");
            format!("{mine}{right}变更登记公告")
        }
    };
    b.sign(format!("{local}\n{}", date_cn(formed.unwrap_or(published))));
    let draft = Draft {
        title,
        body: b.finish(),
        publisher: local.to_string(),
        site: *g.one(&[Site::ProvLand, Site::CityLand]),
        section: "kyqly",
        code: Some(code.to_string()),
        entities,
        ..Draft::new("T13", region, published, formed)
    };
    g.emit(draft);
}

/// A performance or change record of a right sold earlier (T13).
pub(super) fn performance(g: &mut Gen) {
    if g.mines.is_empty() {
        project(g);
        return;
    }
    let a = g.mines[g.rng.usize(..g.mines.len())].clone();
    let holder = g.name(a.company);
    let right = if a.project.ends_with("探矿权") { "探矿权" } else { "采矿权" };
    let mine = a.project.trim_end_matches(right).to_string();
    let day = g.after(Some(a.date), 150, 700);
    performance_record(g, a.region, &a.owner, &a.code, &mine, right, &holder, a.amount, day);
}
