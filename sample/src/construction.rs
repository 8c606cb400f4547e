//! 工程建设项目招标投标 (T02–T07): approval of the tendering plan, tender notice, prequalification,
//! bid candidates, award, contract and changes of a works project; qualifications, credit and
//! penalties of the parties.

use super::names::Kind;
use super::places::{self, Body, Scope, Site};
use super::text::{self, date_cn, datetime_cn, wan, yuan, yuan_upper};
use super::{Award, Draft, Gen};
use chrono::{Datelike, NaiveDate};

/// Who tenders a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    UrbanInvestment,
    Transport,
    Water,
    Education,
    Hospital,
    Town,
    Housing,
    DevelopmentZone,
}

/// A kind of works project: name template, contractor name words, cost range (万元), duration
/// range (calendar days), required qualification, the builder's specialty, the owner.
struct Works {
    name: &'static str,
    words: &'static [&'static str],
    lo: f64,
    hi: f64,
    days: (u32, u32),
    qualification: &'static str,
    specialty: &'static str,
    owner: Owner,
    scale: &'static str,
}

#[rustfmt::skip]
const WORKS: &[Works] = &[
    Works { name: "{p}{r}（{r2}至{r3}）道路改造工程", words: &["市政", "路桥", "建设工程"], lo: 800.0, hi: 12000.0, days: (180, 540), qualification: "市政公用工程施工总承包二级及以上", specialty: "市政公用工程", owner: Owner::UrbanInvestment, scale: "道路全长约2.6公里，红线宽度40米，主要建设内容包括道路、排水、照明、交通及绿化工程" },
    Works { name: "{a}片区雨污分流改造工程", words: &["市政", "建设工程", "水利"], lo: 500.0, hi: 8000.0, days: (150, 365), qualification: "市政公用工程施工总承包三级及以上", specialty: "市政公用工程", owner: Owner::Water, scale: "新建污水管道约18公里，改造小区及沿街商户雨污分流设施" },
    Works { name: "{a}河道综合整治工程", words: &["水利", "建设工程", "市政"], lo: 300.0, hi: 6000.0, days: (120, 360), qualification: "水利水电工程施工总承包三级及以上", specialty: "水利水电工程", owner: Owner::Water, scale: "河道清淤疏浚约5.2公里，新建生态护岸及配套涵闸" },
    Works { name: "{p}{s}新建工程", words: &["建筑工程", "建设工程", "建设集团", "建设发展"], lo: 3000.0, hi: 30000.0, days: (365, 730), qualification: "建筑工程施工总承包二级及以上", specialty: "建筑工程", owner: Owner::Education, scale: "总建筑面积约4.8万平方米，含教学楼、综合楼、风雨操场及地下车库" },
    Works { name: "{p}{s}改扩建工程", words: &["建筑工程", "建设工程", "建设集团", "建设发展"], lo: 1500.0, hi: 12000.0, days: (240, 540), qualification: "建筑工程施工总承包三级及以上", specialty: "建筑工程", owner: Owner::Education, scale: "新建教学楼及食堂，总建筑面积约1.6万平方米，改造原有运动场" },
    Works { name: "{p}人民医院门急诊综合楼建设工程", words: &["建筑工程", "建设工程", "建设集团", "建设发展"], lo: 8000.0, hi: 60000.0, days: (540, 900), qualification: "建筑工程施工总承包一级及以上", specialty: "建筑工程", owner: Owner::Hospital, scale: "总建筑面积约9.2万平方米，地上16层、地下2层" },
    Works { name: "{a}老旧小区改造工程（{n}期）", words: &["建设工程", "建筑工程", "装饰", "市政"], lo: 500.0, hi: 5000.0, days: (120, 300), qualification: "建筑工程施工总承包三级及以上", specialty: "建筑工程", owner: Owner::Housing, scale: "涉及小区12个、住户3260户，改造内容包括屋面防水、外立面出新、雨污分流、加装电梯基础及停车位" },
    Works { name: "{a}安置房项目（{n}期）", words: &["建筑工程", "建设工程", "建设集团", "建设发展"], lo: 10000.0, hi: 80000.0, days: (600, 900), qualification: "建筑工程施工总承包一级及以上", specialty: "建筑工程", owner: Owner::UrbanInvestment, scale: "总建筑面积约21万平方米，共18栋高层住宅，安置房源1860套" },
    Works { name: "{a}保障性租赁住房项目", words: &["建筑工程", "建设工程", "建设集团", "建设发展"], lo: 8000.0, hi: 50000.0, days: (540, 800), qualification: "建筑工程施工总承包一级及以上", specialty: "建筑工程", owner: Owner::Housing, scale: "总建筑面积约11万平方米，提供保障性租赁住房1500套（间）" },
    Works { name: "{p}污水处理厂提标改造工程", words: &["市政", "安装", "水利", "建设工程"], lo: 2000.0, hi: 15000.0, days: (300, 540), qualification: "市政公用工程施工总承包二级及以上", specialty: "市政公用工程", owner: Owner::Water, scale: "处理规模5万立方米/日，出水执行《城镇污水处理厂污染物排放标准》一级A标准" },
    Works { name: "{p}{r}大桥维修加固工程", words: &["路桥", "市政"], lo: 300.0, hi: 3000.0, days: (90, 240), qualification: "公路工程施工总承包三级及以上或桥梁工程专业承包二级及以上", specialty: "公路工程", owner: Owner::Transport, scale: "桥梁全长286米，主要内容包括上部结构加固、伸缩缝更换及桥面铺装" },
    Works { name: "{a}公园景观提升工程", words: &["园林", "建设工程"], lo: 300.0, hi: 4000.0, days: (90, 240), qualification: "市政公用工程施工总承包三级及以上", specialty: "市政公用工程", owner: Owner::UrbanInvestment, scale: "改造面积约12.5万平方米，包括园路、铺装、绿化、照明及服务驿站" },
    Works { name: "{t}高标准农田建设项目", words: &["水利", "建设工程"], lo: 500.0, hi: 3000.0, days: (120, 240), qualification: "水利水电工程施工总承包三级及以上", specialty: "水利水电工程", owner: Owner::Town, scale: "建设高标准农田1.2万亩，新建灌排泵站8座、防渗渠道26公里、机耕路15公里" },
    Works { name: "{t}农村公路提档升级工程", words: &["路桥", "市政", "建设工程"], lo: 300.0, hi: 3000.0, days: (90, 240), qualification: "公路工程施工总承包三级及以上", specialty: "公路工程", owner: Owner::Transport, scale: "提档升级农村公路约23公里，改造危桥4座" },
    Works { name: "{a}标准厂房建设工程", words: &["建筑工程", "建设工程", "建设集团", "建设发展"], lo: 3000.0, hi: 20000.0, days: (300, 540), qualification: "建筑工程施工总承包二级及以上", specialty: "建筑工程", owner: Owner::DevelopmentZone, scale: "新建标准厂房8栋及配套用房，总建筑面积约7.6万平方米" },
    Works { name: "{p}体育中心室内装修工程", words: &["装饰", "建筑工程"], lo: 500.0, hi: 4000.0, days: (90, 200), qualification: "建筑装修装饰工程专业承包二级及以上", specialty: "建筑工程", owner: Owner::UrbanInvestment, scale: "装修面积约2.3万平方米，含场馆、看台、附属用房及智能化系统" },
];

const SCHOOLS: &[&str] =
    &["第一中学", "实验小学", "高级中学", "实验初级中学", "九年一贯制学校", "幼儿园", "职业教育中心校"];

/// Tender sections: name, kind of bidder, share of the works cost, weight.
#[rustfmt::skip]
const SECTIONS: &[((&str, Kind, f64), u32)] = &[
    (("施工", Kind::Contractor, 1.0), 66),
    (("施工监理", Kind::Consultant, 0.022), 13),
    (("设计施工总承包（EPC）", Kind::Contractor, 1.08), 11),
    (("勘察设计", Kind::Consultant, 0.035), 10),
];

fn owner_name(g: &mut Gen, owner: Owner, region: u32) -> String {
    let p = places::prefix(region);
    match owner {
        Owner::UrbanInvestment => format!(
            "{p}{}",
            g.one(&[
                "城市建设投资集团有限公司",
                "城市建设发展集团有限公司",
                "城市更新投资发展有限公司",
                "交通建设投资有限公司"
            ])
        ),
        Owner::Transport => places::org(region, Body::Transport),
        Owner::Water => places::org(region, Body::Water),
        Owner::Education => format!("{p}教育局"),
        Owner::Hospital => format!("{p}人民医院"),
        Owner::Town if places::is_province(region) => "江苏省农业农村厅".into(),
        Owner::Town => format!("{p}{}人民政府", places::town(&mut g.rng).replace("街道", "镇")),
        Owner::Housing => {
            format!("{p}{}", g.one(&["住房和城乡建设局", "安居集团有限公司", "城市更新投资发展有限公司"]))
        }
        Owner::DevelopmentZone => {
            format!("{p}{}", g.one(&["经济开发区管理委员会", "高新技术产业开发区管理委员会", "产业投资集团有限公司"]))
        }
    }
}

fn project_name(g: &mut Gen, works: &Works, region: u32) -> String {
    let short = if places::is_province(region) { "江苏省".to_string() } else { places::prefix(region) };
    works
        .name
        .replace("{r}", &places::road(&mut g.rng))
        .replace("{r2}", &places::road(&mut g.rng))
        .replace("{r3}", &places::road(&mut g.rng))
        .replace("{a}", &format!("{short}{}", places::area(&mut g.rng)))
        .replace("{p}", &short)
        .replace("{s}", g.one::<&str>(SCHOOLS))
        .replace("{t}", &format!("{short}{}", places::town(&mut g.rng)))
        .replace("{n}", g.one::<&str>(&["一", "二", "三"]))
}

/// A contractor's project manager (项目负责人) and certificate.
fn manager(g: &mut Gen, company: usize) -> (String, String) {
    let m = &g.co(company).managers;
    if m.is_empty() {
        let name = g.person();
        return (name, format!("苏232{}{:07}", g.range(2010, 2024), g.range(0, 9_999_999)));
    }
    let i = g.rng.usize(..m.len());
    g.co(company).managers[i].clone()
}

fn tender_site(g: &mut Gen) -> (Site, &'static str) {
    *g.weighted(&[((Site::Jsggzy, "003001"), 50), ((Site::CityTrading, "jsgc"), 40), ((Site::Jszb, "zbgg"), 10)])
}

/// One works project: (approval) → tender notice → (prequalification) → candidates → award →
/// contract → (change), the tender stages under one code (`E3201150202600123`, `JSGC-…`).
pub(super) fn project(g: &mut Gen) {
    let region = places::pick_region(&mut g.rng, Scope::Local);
    let works = g.one(WORKS);
    let (section_name, kind, share) = *g.weighted(SECTIONS);
    let owner = owner_name(g, works.owner, region);
    let mut project = project_name(g, works, region);
    for phase in ["（二期）", "（三期）", "（四期）", "（五期）"] {
        if g.first_time(format!("works:{project}")) {
            break;
        }
        project = format!("{}{phase}", project_name(g, works, region));
    }
    let cost = g.money(works.lo, works.hi);
    let ceiling = if share < 1.0 {
        g.money(cost / 1e4 * share * 0.8, cost / 1e4 * share * 1.2)
    } else {
        (cost * share / 1e4).round() * 1e4
    };
    let agency = g.company(Kind::Agency, region);
    let agency_name = g.name(agency);
    let notice_day = g.start();
    let year = notice_day.year();
    let code = if g.chance(65) {
        let serial = g.serial(format!("E{region}{year}"), 300);
        format!("E{region}{}{year}{serial:05}", if kind == Kind::Contractor { 0 } else { 1 })
    } else {
        format!("JSGC-{region}-{year}-{:04}", g.serial(format!("JSGC{region}{year}"), 300))
    };
    let invest_code = format!(
        "{:02}{:02}-{region}-{}-01-{:06}",
        (year - 2000 - i32::from(g.chance(50))).max(22),
        g.range(1, 12),
        g.one(&["89", "04", "48", "78"]),
        g.range(100_000, 999_999)
    );
    let title = format!("{project}{section_name}");
    let (site, section) = tender_site(g);
    let center = places::org(region, Body::TradingCenter);
    let supervisor = match works.owner {
        Owner::Transport => places::org(region, Body::Transport),
        Owner::Water => places::org(region, Body::Water),
        _ => places::org(region, Body::Housing),
    };
    let contact = g.person();
    let phone = places::phone(&mut g.rng, region);
    let funds = *g.one(&["财政资金", "国有企业自筹资金", "专项债券资金及财政资金", "自筹资金"]);
    let days = g.range(works.days.0, works.days.1);
    let days = if kind == Kind::Consultant { days + 60 } else { days };
    let term = if kind == Kind::Consultant { "服务期" } else { "工期" };

    // 招标事项审批核准 (T02).
    if g.chance(35) {
        let published = weeks_before(g, notice_day, 8, 40);
        let total = (cost * 1.15 / 10_000.0).round() * 10_000.0;
        let formed = g.formed(Some("T02"), published);
        let approver = if g.chance(50) || places::is_province(region) {
            places::org(region, Body::Development)
        } else {
            places::org(region, Body::Approval)
        };
        let series = if approver.contains("审批") { "审批投" } else { "发改审" };
        let doc = g.doc(&format!("{}{series}", places::doc_abbr(region)), published.year());
        let mut b = text::Body::new();
        b.p(format!("{owner}：\n你单位报送的《关于{project}可行性研究报告（含招标方案）的请示》及相关材料收悉。经研究，现批复如下："));
        b.p(format!(
            "一、项目代码：{invest_code}。建设地点：{}。建设规模及内容：{}。项目总投资约{}，资金来源为{funds}。",
            places::name(region),
            works.scale,
            wan(total)
        ));
        b.p("二、招标事项核准意见：本项目勘察、设计、施工、监理以及与工程建设有关的重要设备、材料采购全部采用公开招标方式，招标组织形式为委托招标。");
        b.p("三、请严格按照核准的招标范围、招标方式和招标组织形式开展招标活动，招标公告应在江苏省公共资源交易平台发布，并接受行政监督部门的监督。");
        b.opt("四、本批复文件自印发之日起有效期二年。项目建设地点、规模、内容发生重大变化的，应重新报批。");
        b.sign(format!("{approver}\n{}", date_cn(formed.unwrap_or(published))));
        let draft = Draft {
            title: if g.chance(60) {
                format!("关于{project}可行性研究报告的批复（{doc}）")
            } else {
                format!("{project}招标事项核准意见")
            },
            body: b.finish(),
            publisher: approver,
            site: *g.one(&[Site::Investment, Site::CityGov]),
            section: "spjg",
            code: Some(invest_code.clone()),
            amount: Some(total),
            entities: owner_entities(&owner),
            ..Draft::new("T02", region, published, formed)
        };
        g.emit(draft);
    }

    // 招标公告 (T04).
    let open_day = g.later_days(notice_day, 20, 30);
    let hour = *g.one(&[9u32, 9, 10, 14]);
    let prequal = g.chance(8);
    {
        let formed = g.formed(Some("T04"), notice_day);
        let mut b = text::Body::new();
        b.p(format!("1.招标条件\n本招标项目{project}已由{}批准建设，项目审批代码：{invest_code}。项目业主为{owner}，建设资金来自{funds}，招标人为{owner}，招标代理机构为{agency_name}。项目已具备招标条件，现对该项目的{section_name}进行公开招标。", places::org(region, Body::Development)));
        b.p(format!("2.项目概况与招标范围\n建设地点：{}\n建设规模：{}。\n最高投标限价：{}\n计划{term}：{days}日历天\n招标范围：{}，标段编号：{code}。", places::name(region), works.scale, yuan(ceiling), if kind == Kind::Consultant { format!("本项目全过程{}服务", section_name) } else { "施工图纸及工程量清单范围内的全部内容".to_string() }));
        b.p(format!(
            "3.投标人资格要求\n3.1本次招标要求投标人具备{}资质，并在人员、设备、资金等方面具有相应的施工能力。\n3.2拟派项目负责人须具备{}专业{}注册建造师执业资格，且未担任其他在建工程项目的项目负责人。\n3.3本次招标不接受联合体投标，资格审查方式：{}。",
            if kind == Kind::Consultant { "工程监理综合资质或相应专业甲级".to_string() } else { works.qualification.to_string() },
            works.specialty,
            if works.qualification.contains("一级") { "一级" } else { "二级及以上" },
            if prequal { "资格预审" } else { "资格后审" }
        ));
        b.opt(format!(
            "4.招标文件的获取\n凡有意参加投标者，请于{}至{}，登录江苏省电子招标投标交易平台下载电子招标文件。",
            date_cn(notice_day),
            date_cn(g.later(notice_day, 5, 5))
        ));
        b.p(format!("5.投标文件的递交\n投标文件递交的截止时间（投标截止时间，下同）为{}，投标人应在截止时间前通过江苏省电子招标投标交易平台递交电子投标文件，开标地点为{center}。", datetime_cn(open_day, hour, 0)));
        b.opt("6.发布公告的媒介\n本次招标公告同时在江苏省公共资源交易平台、江苏建设工程招标网上发布。");
        b.p(format!(
            "7.联系方式\n招标人：{owner}，联系人：{contact}，电话：{phone}\n招标代理机构：{agency_name}，电话：{}",
            places::phone(&mut g.rng, region)
        ));
        let mut entities = vec![agency_name.clone()];
        entities.extend(owner_entities(&owner));
        let draft = Draft {
            title: if prequal { format!("{title}资格预审公告") } else { format!("{title}招标公告") },
            body: b.finish(),
            publisher: center.clone(),
            site,
            section,
            code: Some(code.clone()),
            amount: Some(ceiling),
            entities,
            ..Draft::new("T04", region, notice_day, formed)
        };
        g.emit(draft);
    }

    // 招标终止.
    if g.chance(3) {
        let published = g.later(notice_day, 3, 12);
        let formed = g.formed(Some("T04"), published);
        let mut b = text::Body::new();
        b.p(format!("{title}（标段编号：{code}）于{}在江苏省公共资源交易平台发布招标公告。", date_cn(notice_day)));
        b.p(format!(
            "因{}，经招标人研究决定，终止本次招标活动。",
            g.one(&["项目建设内容调整", "招标文件存在重大缺陷需修改后重新招标", "项目资金来源发生变化"])
        ));
        b.p("已获取招标文件的潜在投标人如已缴纳投标保证金，将在本公告发布后5日内全额退还。给各潜在投标人带来的不便，敬请谅解。");
        b.p(format!("招标人：{owner}\n招标代理机构：{agency_name}\n监督部门：{supervisor}"));
        let draft = Draft {
            title: format!("{title}招标终止公告"),
            body: b.finish(),
            publisher: center,
            site,
            section,
            code: Some(code),
            entities: vec![agency_name],
            ..Draft::new("T04", region, published, formed)
        };
        g.emit(draft);
        return;
    }

    let n = g.range(5, 14) as usize;
    let words: &[&str] = match (kind, section_name) {
        (Kind::Contractor, _) => works.words,
        (_, "施工监理") => &["监理", "咨询"],
        _ => &["设计", "勘察"],
    };
    let pool = g.fitting(kind, words, region, n);
    if pool.len() < 3 {
        return;
    }
    let mut prices: Vec<f64> = (0..3).map(|_| g.bid(ceiling, 0.86, 0.985)).collect();
    prices.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
    if g.chance(60) {
        prices.reverse();
    }
    let managers: Vec<(String, String)> = pool[..3].iter().map(|&c| manager(g, c)).collect();
    let method = *g.one(&["综合评估法", "经评审的最低投标价法", "合理低价法", "评定分离"]);

    // 资格预审结果 (T04).
    if prequal {
        let published = g.later(notice_day, 8, 12);
        let formed = g.formed(Some("T04"), published);
        let rejected =
            g.fitting(kind, words, region, pool.len() + 1).into_iter().find(|c| !pool.contains(c)).unwrap_or(pool[0]);
        let mut b = text::Body::new();
        b.p(format!("{title}（标段编号：{code}）资格预审工作已结束，资格审查委员会依据资格预审文件规定的审查标准和方法，对{}家申请人提交的资格预审申请文件进行了审查。", pool.len() + 1));
        b.p(format!("通过资格预审的申请人：{}。", pool.iter().map(|&c| g.name(c)).collect::<Vec<_>>().join("、")));
        b.p(format!(
            "未通过资格预审的申请人及原因：{}，{}。",
            g.name(rejected),
            g.one(&[
                "拟派项目负责人有在建工程未解锁",
                "类似工程业绩不满足资格预审文件要求",
                "安全生产许可证已过有效期"
            ])
        ));
        b.p(format!(
            "申请人对资格预审结果有异议的，应当在公示期内以书面形式向招标人提出。招标人：{owner}，联系电话：{phone}。"
        ));
        let mut entities: Vec<String> = pool.iter().map(|&c| g.name(c)).collect();
        entities.push(g.name(rejected));
        let draft = Draft {
            title: format!("{title}资格预审结果公示"),
            body: b.finish(),
            publisher: center.clone(),
            site,
            section,
            code: Some(code.clone()),
            entities,
            ..Draft::new("T04", region, published, formed)
        };
        g.emit(draft);
    }

    // 中标候选人公示 (T04), now and then as HTML with a table.
    let cand_day = g.later(open_day, 2, 6);
    let show_until = g.later(cand_day, 3, 3);
    let names: Vec<String> = pool[..3].iter().map(|&c| g.name(c)).collect();
    let experts: Vec<String> = (0..if ceiling > 4e7 { 7 } else { 5 }).map(|_| g.person()).collect();
    {
        let formed = g.formed(Some("T04"), cand_day);
        let intro = format!("{title}（标段编号：{code}）于{}在{center}开标，评标办法为{method}，经评标委员会评审，现将中标候选人公示如下：", datetime_cn(open_day, hour, 0));
        let ranks = ["第一", "第二", "第三"];
        let objection = format!("公示期：{}至{}。投标人或者其他利害关系人对评标结果有异议的，应当在中标候选人公示期间以书面形式向招标人提出；异议受理部门：{owner}，电话：{phone}。监督部门：{supervisor}。", date_cn(cand_day), date_cn(show_until));
        let html = g.chance(16);
        let body = if html {
            let mut rows = String::new();
            for i in 0..3 {
                rows.push_str(&format!(
                    "<tr><td>{}中标候选人</td><td>{}</td><td>{}</td><td>{days}日历天</td><td>{}（{}）</td></tr>",
                    ranks[i],
                    names[i],
                    yuan(prices[i]),
                    managers[i].0,
                    managers[i].1
                ));
            }
            format!(
                "<p>{intro}</p><table border=\"1\"><tr><th>排序</th><th>投标人名称</th><th>投标报价</th><th>{term}</th><th>项目负责人（注册编号）</th></tr>{rows}</table><p>质量标准：合格。评标委员会成员：{}。</p><p>{objection}</p><p>招标人：{owner}&nbsp;&nbsp;招标代理机构：{agency_name}</p>",
                experts.join("、")
            )
        } else {
            let mut b = text::Body::new();
            b.p(intro);
            for i in 0..3 {
                let perf = if g.chance(60) {
                    "无".to_string()
                } else {
                    let done = g.one(WORKS);
                    format!("{}（已竣工）", project_name(g, done, region))
                };
                b.p(format!(
                    "{}中标候选人：{}\n投标报价：{}\n{term}：{days}日历天\n项目负责人：{}（注册编号：{}）\n个人业绩：{perf}",
                    ranks[i], names[i], yuan(prices[i]), managers[i].0, managers[i].1
                ));
            }
            b.opt(format!("评标委员会成员：{}。", experts.join("、")));
            b.p(objection);
            b.opt(format!("招标人：{owner}\n招标代理机构：{agency_name}"));
            b.finish()
        };
        let mut entities = names.clone();
        entities.extend(managers.iter().map(|m| m.0.clone()));
        entities.push(agency_name.clone());
        let draft = Draft {
            title: format!("{title}中标候选人公示"),
            body,
            publisher: center.clone(),
            site,
            section,
            code: Some(code.clone()),
            amount: Some(prices[0]),
            entities,
            ..Draft::new("T04", region, cand_day, formed)
        };
        g.emit(draft);
    }
    // The first candidate usually wins; sometimes it gives up or is disqualified.
    let w = if g.chance(94) { 0 } else { 1 };
    let winner = pool[w];
    let winner_name = names[w].clone();
    let (pm, cert) = managers[w].clone();
    let price = prices[w];
    // 中标结果公告 (T04).
    let award_day = g.later(show_until, 1, 5);
    g.works.push(Award {
        company: winner,
        manager: Some(pm.clone()),
        owner: owner.clone(),
        project: title.clone(),
        code: code.clone(),
        region,
        amount: price,
        date: award_day,
    });
    if g.chance(88) {
        let formed = g.formed(Some("T04"), award_day);
        let mut b = text::Body::new();
        b.p(format!(
            "{title}（标段编号：{code}）已于{}完成评标，中标候选人公示期满，现将中标结果公告如下：",
            date_cn(open_day)
        ));
        if w == 1 {
            b.p(format!(
                "第一中标候选人{}因{}，招标人依法确定排名第二的中标候选人为中标人。",
                names[0],
                g.one(&["放弃中标", "经异议核实其项目负责人业绩与事实不符", "未按招标文件要求提交履约保证金"])
            ));
        }
        b.p(format!("中标人：{winner_name}\n中标价：{}\n{term}：{days}日历天\n质量标准：合格\n项目负责人：{pm}（注册编号：{cert}）", yuan(price)));
        b.p(format!("招标人：{owner}\n联系人：{contact}  电话：{phone}\n招标代理机构：{agency_name}"));
        b.opt(format!("中标通知书将于本公告发布之日起发出。监督部门：{supervisor}。"));
        let draft = Draft {
            title: format!("{title}中标结果公告"),
            body: b.finish(),
            publisher: center.clone(),
            site,
            section,
            code: Some(code.clone()),
            amount: Some(price),
            entities: vec![winner_name.clone(), pm.clone(), agency_name.clone()],
            ..Draft::new("T04", region, award_day, formed)
        };
        g.emit(draft);
    }

    // 合同订立 (T05): within 30 days of the award.
    if !g.chance(75) {
        return;
    }
    let signed = g.later(award_day, 5, 20);
    let published = g.later(signed, 1, 6);
    let formed = if g.chance(90) { Some(signed) } else { g.formed(Some("T05"), published) };
    let start = g.later_days(signed, 7, 30);
    let finish = start + chrono::Duration::days(days as i64);
    let mut b = text::Body::new();
    b.p(format!("项目名称：{title}\n标段编号：{code}\n项目审批代码：{invest_code}"));
    b.p(format!("发包人：{owner}\n承包人：{winner_name}\n项目负责人：{pm}（注册编号：{cert}）"));
    b.p(format!(
        "合同价款：{}（{}）\n合同{term}：{days}日历天，计划开工日期{}，计划竣工日期{}\n合同签订日期：{}",
        yuan(price),
        yuan_upper(price),
        date_cn(start),
        date_cn(finish),
        date_cn(signed)
    ));
    b.p(format!("合同订立情况已报{supervisor}备案。"));
    b.opt("根据《江苏省国有资金投资工程建设项目招标投标管理办法》，招标人应当在合同订立后及时公开合同订立信息，接受社会监督。");
    let publisher = if g.chance(50) { owner.clone() } else { supervisor.clone() };
    let draft = Draft {
        title: if g.chance(60) {
            format!("{title}合同订立信息公开")
        } else {
            format!("{title}合同签订情况公告")
        },
        body: b.finish(),
        publisher,
        site,
        section: "htgs",
        code: Some(code.clone()),
        amount: Some(price),
        entities: vec![winner_name.clone(), pm.clone()],
        ..Draft::new("T05", region, published, formed)
    };
    g.emit(draft);

    // 履约及变更 (T05).
    if !g.chance(28) {
        return;
    }
    let changed = g.later_days(start, 40, days.max(60) + 60);
    let published = g.later(changed, 1, 8);
    let formed = g.formed(Some("T05"), published);
    let mut b = text::Body::new();
    let mut entities = vec![winner_name.clone(), pm.clone()];
    let (title2, amount) = match g.range(0, 2) {
        0 => {
            let (new_pm, new_cert) = manager(g, winner);
            let new_pm = if new_pm == pm { g.person() } else { new_pm };
            b.p(format!("项目名称：{title}\n标段编号：{code}\n承包人：{winner_name}"));
            b.p(format!("原项目负责人{pm}（注册编号：{cert}）因{}，经发包人同意，变更为{new_pm}（注册编号：{new_cert}）。变更后的项目负责人资格条件不低于招标文件要求。", g.one(&["身体原因无法继续履职", "离职", "工作调动"])));
            b.p(format!("变更日期：{}。本次变更已报{supervisor}备案。", date_cn(changed)));
            b.p(format!("公示期3个工作日，如有异议请与发包人联系：{owner}，电话：{phone}。"));
            entities.push(new_pm);
            (format!("{title}项目负责人变更公示"), None)
        }
        1 => {
            let extra = (price * (0.03 + g.rng.f64() * 0.09)).round();
            b.p(format!("项目名称：{title}\n标段编号：{code}\n发包人：{owner}\n承包人：{winner_name}"));
            b.p(format!(
                "变更原因：{}。\n变更内容：增加工程量，变更金额{}，变更后合同价款{}，工期顺延{}日历天。",
                g.one(&["设计变更及现场地质条件与勘察报告不符", "地下管线迁改范围扩大", "使用单位需求调整"]),
                yuan(extra),
                yuan(price + extra),
                g.range(20, 90)
            ));
            b.p(format!("本次合同变更已经发包人集体决策，并报{supervisor}备案。变更日期：{}。", date_cn(changed)));
            (format!("{title}合同变更信息公开"), Some(price + extra))
        }
        _ => {
            b.p(format!("项目名称：{title}\n标段编号：{code}\n承包人：{winner_name}\n项目负责人：{pm}"));
            b.p(format!(
                "履约情况：本工程于{}开工，于{}通过竣工验收，质量等级合格，{}。",
                date_cn(start),
                date_cn(changed),
                g.one(&[
                    "实际工期满足合同约定",
                    "因雨季及设计变更工期顺延，经发包人确认",
                    "施工过程中未发生安全生产事故"
                ])
            ));
            b.p(format!("结算情况：合同价款{}，结算审计工作正在进行中。", yuan(price)));
            b.p(format!("履约评价：{}。", g.one(&["优良", "合格", "良好"])));
            (format!("{title}合同履约信息公开"), Some(price))
        }
    };
    let draft = Draft {
        title: title2,
        body: b.finish(),
        publisher: supervisor,
        site,
        section: "lybg",
        code: Some(code),
        amount,
        entities,
        ..Draft::new("T05", region, published, formed)
    };
    g.emit(draft);
}

/// The works name of a tender title (without its section).
fn works_name(title: &str) -> &str {
    SECTIONS.iter().map(|((s, _, _), _)| *s).fold(title, |t, s| t.strip_suffix(s).unwrap_or(t))
}

fn owner_entities(owner: &str) -> Vec<String> {
    if owner.ends_with("公司") {
        vec![owner.to_string()]
    } else {
        Vec::new()
    }
}

/// A working day roughly `lo..=hi` working days before `d`.
fn weeks_before(g: &mut Gen, d: NaiveDate, lo: u32, hi: u32) -> NaiveDate {
    let n = g.range(lo, hi) as i64;
    let back = d - chrono::Duration::days(n * 7 / 5);
    g.workday_on_or_after(back).min(d)
}

const GRADES: &[&str] = &[
    "建筑工程施工总承包二级",
    "建筑工程施工总承包一级",
    "市政公用工程施工总承包二级",
    "市政公用工程施工总承包一级",
    "水利水电工程施工总承包三级",
    "公路工程施工总承包二级",
    "建筑装修装饰工程专业承包一级",
    "钢结构工程专业承包二级",
    "环保工程专业承包二级",
    "地基基础工程专业承包一级",
    "消防设施工程专业承包二级",
];

/// 交易活动当事人资质资格信息 (T03).
pub(super) fn qualification(g: &mut Gen) {
    let region = if g.chance(40) { places::PROVINCE } else { places::pick_region(&mut g.rng, Scope::City) };
    let housing = places::org(region, Body::Housing);
    let published = g.start();
    let formed = g.formed(Some("T03"), published);
    let year = published.year();
    let n = g.range(3, 6) as usize;
    let companies = g.companies(Kind::Contractor, region, n);
    let mut b = text::Body::new();
    let entities: Vec<String> = companies.iter().map(|&c| g.name(c)).collect();
    let title = match g.range(0, 2) {
        0 => {
            let batch = g.range(1, 24);
            b.p(format!("根据《建筑业企业资质管理规定》及《建筑业企业资质标准》，经审查，下列{}家企业申请的建筑业企业资质符合标准要求，准予许可。现予以公告：", companies.len()));
            for (i, &c) in companies.iter().enumerate() {
                let grade = *g.one(GRADES);
                b.p(format!("{}. {}（统一社会信用代码：{}），{grade}", i + 1, g.name(c), g.co(c).credit_code));
            }
            b.opt("企业可登录江苏省建筑市场监管与诚信信息一体化平台下载电子资质证书。");
            format!("{year}年第{batch}批建筑业企业资质审批结果公告")
        }
        1 => {
            b.p("根据《安全生产许可证条例》和《建筑施工企业安全生产许可证管理规定》，经审查，下列企业安全生产许可证延期申请符合条件，准予延期三年：");
            for &c in &companies {
                b.p(format!(
                    "{}，许可证编号：（苏）JZ安许证字〔{}〕{:06}",
                    g.name(c),
                    year - g.range(0, 3) as i32,
                    g.range(1, 999_999)
                ));
            }
            b.opt("公示期为5个工作日，对公示内容有异议的，请在公示期内以书面形式向我厅（局）建筑市场监管处反映。");
            format!("{housing}关于建筑施工企业安全生产许可证延期的公示（{year}年第{}批）", g.range(1, 30))
        }
        _ => {
            b.p("经核查，下列企业的注册人员、技术装备等不再满足资质标准要求，且逾期未完成整改。根据《建筑业企业资质管理规定》第二十四条，决定撤回其相应建筑业企业资质。");
            for &c in &companies {
                b.p(format!("{}，撤回资质类别：{}", g.name(c), g.one(GRADES)));
            }
            b.opt("被撤回资质的企业可在资质被撤回后3个月内，向资质许可机关提出核定低一级资质的申请。");
            format!("{housing}关于撤回{}家企业建筑业企业资质的公告", companies.len())
        }
    };
    b.sign(format!("{housing}\n{}", date_cn(formed.unwrap_or(published))));
    let draft = Draft {
        title,
        body: b.finish(),
        publisher: housing,
        site: if places::is_province(region) { Site::ProvHousing } else { Site::CityHousing },
        section: "zzsp",
        code: Some(g.doc(&format!("{}建许", places::doc_abbr(region)), year)),
        entities,
        ..Draft::new("T03", region, published, formed)
    };
    g.emit(draft);
}

/// Offences in works tendering and construction: what, the law, the fine basis.
const OFFENCES: &[(&str, &str)] = &[
    ("以他人名义投标，骗取中标", "《中华人民共和国招标投标法》第五十四条"),
    ("与其他投标人相互串通投标", "《中华人民共和国招标投标法》第五十三条"),
    ("项目负责人未按规定到岗履职，长期不在施工现场", "《江苏省建筑市场管理条例》第五十二条"),
    ("将承包的工程违法分包给不具备相应资质的单位", "《中华人民共和国建筑法》第六十七条"),
    ("施工现场扬尘污染防治措施落实不到位", "《中华人民共和国大气污染防治法》第一百一十五条"),
    ("在投标文件中提供虚假的项目负责人业绩", "《中华人民共和国招标投标法实施条例》第六十八条"),
];

/// The party of a credit or penalty record: region, company, project manager, project, code
/// and, when it is about a tender won earlier, the award date.
type Offender = (u32, usize, Option<String>, String, String, Option<NaiveDate>);

fn offender(g: &mut Gen) -> Offender {
    match g.recall_work() {
        Some(a) => (a.region, a.company, a.manager, a.project, a.code, Some(a.date)),
        None => {
            let region = places::pick_region(&mut g.rng, Scope::Local);
            let c = g.company(Kind::Contractor, region);
            let pm = manager(g, c).0;
            let works = g.one(WORKS);
            let project = format!("{}施工", project_name(g, works, region));
            let year = 2023 + g.range(0, 2);
            let code = format!("JSGC-{region}-{year}-{:04}", g.serial(format!("JSGC{region}{year}"), 300));
            (region, c, Some(pm), project, code, None)
        }
    }
}

/// 信用奖惩信息 (T06): blacklists, bad-conduct records and awards.
pub(super) fn credit(g: &mut Gen) {
    let (region, company, pm, project, code, awarded) = offender(g);
    let c = g.co(company).clone();
    let published = g.after(awarded, 30, 500);
    let formed = g.formed(Some("T06"), published);
    let decided = formed.unwrap_or(published);
    let year = decided.year();
    let (offence, _) = *g.one(OFFENCES);
    let mut b = text::Body::new();
    let mut entities = vec![c.name.clone()];
    let (title, publisher, site) = match g.range(0, 3) {
        0 => {
            let gov = places::org(region, Body::GovServices);
            b.p(format!("根据《江苏省公共资源交易领域失信行为联合惩戒办法》，经认定，{}在{project}（项目编号：{code}）中{offence}，属于严重失信行为。", c.name));
            b.p(format!("当事人：{}\n统一社会信用代码：{}\n法定代表人：{}", c.name, c.credit_code, c.legal_rep));
            b.p(format!("决定将其列入公共资源交易领域“黑名单”，期限{}年（{}至{}）。列入期间，该企业不得参加本市公共资源交易活动，并由相关部门依法实施失信联合惩戒。", 2, date_cn(decided), date_cn(decided.with_year(year + 2).unwrap_or(decided))));
            b.opt("当事人对认定结果有异议的，可在公告之日起15日内向认定单位提出书面申诉。");
            entities.push(c.legal_rep.clone());
            (format!("关于将{}列入公共资源交易领域“黑名单”的公告", c.name), gov, Site::Credit)
        }
        1 => {
            let housing = places::org(region, Body::Housing);
            b.p(format!("企业名称：{}\n统一社会信用代码：{}", c.name, c.credit_code));
            b.p(format!("失信行为：在{project}（项目编号：{code}）中{offence}。"));
            if let Some(pm) = &pm {
                b.p(format!("相关责任人：{pm}（项目负责人）"));
                entities.push(pm.clone());
            }
            b.p(format!(
                "记入不良行为记录，扣减建筑业企业信用综合评价分值{}分，公布期限6个月（{}至{}）。",
                g.range(3, 15),
                date_cn(decided),
                date_cn(decided + chrono::Duration::days(182))
            ));
            b.opt("公布期限届满后自动撤下。企业可按规定申请信用修复。");
            (format!("{}失信行为记录", c.name), housing, Site::CityHousing)
        }
        2 => {
            let housing = places::org(region, Body::Housing);
            let others = g.companies(Kind::Contractor, region, 4);
            b.p(format!("根据《江苏省建筑业企业信用综合评价办法》，我局对在本地承接工程的建筑业企业开展了{}年度信用综合评价，现将评价结果公示如下（排名前五）：", year - 1));
            let mut score = 96.0 + g.rng.f64() * 3.0;
            for &o in std::iter::once(&company).chain(others.iter()) {
                b.p(format!("{}：{:.2}分，信用等级AAA", g.name(o), score));
                entities.push(g.name(o));
                score -= g.rng.f64() * 2.0;
            }
            b.opt("信用综合评价结果将在招标投标活动中依法应用，作为评标、中标等环节的参考依据。");
            (
                format!("{}{}年度建筑业企业信用综合评价结果公示", places::prefix(region), year - 1),
                housing,
                Site::CityHousing,
            )
        }
        _ => {
            b.p(format!("根据《江苏省优质工程奖“扬子杯”评选办法》，经企业申报、专家评审和公示，{}年度江苏省优质工程奖“扬子杯”评选结果已确定。", year - 1));
            b.p(format!("{}承建的{}获评{}年度江苏省优质工程奖“扬子杯”。", c.name, works_name(&project), year - 1));
            if let Some(pm) = &pm {
                b.p(format!("项目负责人：{pm}。"));
                entities.push(pm.clone());
            }
            b.p("按照《江苏省建筑业企业信用综合评价办法》，对获奖企业在信用综合评价中给予加分，获奖信息纳入企业信用档案，作为守信激励措施。");
            (
                format!("关于{}获评{}年度江苏省优质工程奖“扬子杯”的守信激励公告", c.name, year - 1),
                places::org(places::PROVINCE, Body::Housing),
                Site::ProvHousing,
            )
        }
    };
    b.sign(format!("{publisher}\n{}", date_cn(decided)));
    let region = if publisher.starts_with("江苏省") { places::PROVINCE } else { region };
    // Lists and awards carry their document number; records about one project its code.
    let code = if title.contains("信用综合评价") || title.contains("扬子杯") {
        g.doc(&format!("{}建信", places::doc_abbr(region)), year)
    } else {
        code
    };
    let draft = Draft {
        title,
        body: b.finish(),
        publisher,
        site,
        section: "xyjc",
        code: Some(code),
        entities,
        ..Draft::new("T06", region, published, formed)
    };
    g.emit(draft);
}

/// 违法违规处罚信息 (T07): 行政处罚决定书 of the housing, transport and water authorities.
pub(super) fn penalty(g: &mut Gen) {
    let (region, company, pm, project, code, awarded) = offender(g);
    let c = g.co(company).clone();
    let body_kind =
        *g.weighted(&[(Body::Housing, 70), (Body::Transport, 12), (Body::Water, 10), (Body::GovServices, 8)]);
    let authority = places::org(region, body_kind);
    let published = g.after(awarded, 20, 400);
    let formed = g.formed(Some("T07"), published);
    let decided = formed.unwrap_or(published);
    let abbr = places::doc_abbr(region);
    let series = match body_kind {
        Body::Housing => "建罚决字",
        Body::Transport => "交罚",
        Body::Water => "水罚",
        _ => "政务罚",
    };
    let doc = g.doc(&format!("{abbr}{series}"), decided.year());
    let (offence, law) = *g.one(OFFENCES);
    let fine = if offence.contains("投标") { g.money(5.0, 60.0) } else { g.money(2.0, 30.0) };
    let mut b = text::Body::new();
    b.p(format!("当事人：{}\n统一社会信用代码：{}\n法定代表人：{}", c.name, c.credit_code, c.legal_rep));
    b.p(format!("经查，当事人在{project}（项目编号：{code}）中{offence}。以上事实有投标文件、现场检查笔录、调查询问笔录等证据为证。"));
    let mut entities = vec![c.name.clone(), c.legal_rep.clone()];
    let mut decision = format!("依据{law}的规定，本机关决定对当事人处以罚款{}", yuan(fine));
    if offence.contains("投标") {
        decision.push_str("，并取消其六个月内参加依法必须进行招标的项目的投标资格");
    }
    if let Some(pm) = pm.filter(|_| offence.contains("项目负责人") || offence.contains("业绩")) {
        decision.push_str(&format!("；对项目负责人{pm}处以罚款{}", yuan(g.money(1.0, 5.0))));
        entities.push(pm);
    }
    b.p(format!("{decision}。"));
    b.opt("当事人应自收到本决定书之日起十五日内，到指定银行缴纳罚款。逾期不缴纳的，本机关将依法申请人民法院强制执行。");
    b.p("当事人如不服本决定，可在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。");
    b.sign(format!("{authority}\n{}", date_cn(decided)));
    let draft = Draft {
        title: if g.chance(55) {
            format!("关于对{}的行政处罚决定", c.name)
        } else {
            format!("{authority}行政处罚决定书（{doc}）")
        },
        body: b.finish(),
        publisher: authority,
        site: if body_kind == Body::Housing {
            *g.one(&[Site::Credit, Site::CityHousing, Site::CityGov])
        } else {
            *g.one(&[Site::Credit, Site::CityGov])
        },
        section: "xzcf",
        code: Some(doc),
        amount: Some(fine),
        entities,
        ..Draft::new("T07", region, published, formed)
    };
    g.emit(draft);
}
