//! 国有产权交易 (T20–T24): appraisal and audit results, reserve prices, transfer and
//! capital-increase notices and deals; credit and penalties of the parties and intermediaries.

use super::names::{self, Kind};
use super::places::{self, Body, Scope, Site};
use super::text::{self, date_cn, wan, yuan};
use super::{Draft, Gen};
use chrono::Datelike;

/// What is traded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Deal {
    /// 股权转让.
    Equity,
    /// 增资扩股.
    CapitalIncrease,
    /// 实物资产 (房产、设备).
    Property,
    /// 公务用车.
    Vehicles,
    /// 房屋租赁权.
    Lease,
}

const STATE_GROUPS: &[&str] = &[
    "城市建设投资集团有限公司",
    "交通产业集团有限公司",
    "国有资产投资经营有限公司",
    "文化旅游发展集团有限公司",
    "水务集团有限公司",
    "国有资本投资运营集团有限公司",
    "城市发展集团有限公司",
    "产业投资集团有限公司",
];

fn transferor(g: &mut Gen, region: u32) -> String {
    if places::is_province(region) {
        format!(
            "江苏省{}",
            g.one(&[
                "现代服务业投资集团有限公司",
                "文化产业投资集团有限公司",
                "环保产业集团有限公司",
                "旅游发展集团有限公司"
            ])
        )
    } else {
        format!("{}{}", places::prefix(region), g.one(STATE_GROUPS))
    }
}

/// One deal: (appraisal) → (reserve price) → (pre-disclosure) → notice → deal.
pub(super) fn transfer(g: &mut Gen) {
    let region = if g.chance(12) { places::PROVINCE } else { places::pick_region(&mut g.rng, Scope::Local) };
    let deal = *g.weighted(&[
        (Deal::Equity, 45),
        (Deal::CapitalIncrease, 15),
        (Deal::Property, 20),
        (Deal::Vehicles, 10),
        (Deal::Lease, 10),
    ]);
    let seller = if deal == Deal::Vehicles {
        if places::is_province(region) {
            "江苏省机关事务管理局".to_string()
        } else {
            format!("{}机关事务管理局", places::prefix(region))
        }
    } else {
        transferor(g, region)
    };
    let sasac = places::org(region, if deal == Deal::Vehicles { Body::Finance } else { Body::Sasac });
    // The company sold is a subsidiary of the seller, named after its place.
    let line =
        *g.one(&["物业管理", "酒店管理", "建材", "商贸", "检测技术", "置业", "旅游开发", "供应链管理", "停车管理"]);
    let target_name = format!(
        "{}{}{line}有限公司",
        if places::is_province(region) { "江苏" } else { places::short(region) },
        names::trade_name(&mut g.rng)
    );
    let pct = *g.one(&[100u32, 100, 51, 49, 35, 30, 20, 70]);
    let road = places::road(&mut g.rng);
    // Buildings of provincial groups stand in the capital.
    let site_region = if places::is_province(region) { 320100 } else { region };
    let (target, value) = match deal {
        Deal::Equity => (format!("{target_name}{pct}%股权"), g.money(50.0, 30_000.0)),
        Deal::CapitalIncrease => (format!("{target_name}增资扩股项目"), g.money(500.0, 50_000.0)),
        Deal::Property => {
            (format!("{}{road}{}号房产", places::name(site_region), g.range(1, 300)), g.money(80.0, 8_000.0))
        }
        Deal::Vehicles => (format!("{seller}公务用车{}辆", g.range(6, 40)), g.money(5.0, 120.0)),
        Deal::Lease => {
            (format!("{}{road}{}号商铺三年租赁权", places::name(site_region), g.range(1, 300)), g.money(10.0, 300.0))
        }
    };
    let first = g.start();
    let year = first.year();
    let prefix = match deal {
        Deal::Equity => "JSCQ",
        Deal::CapitalIncrease => "JSZZ",
        Deal::Property | Deal::Vehicles => "JSSW",
        Deal::Lease => "JSZL",
    };
    let code = format!("{prefix}-{year}-{:04}", g.serial(format!("{prefix}{year}"), 150));
    let appraiser = g.fitting(Kind::Appraiser, &["评估"], region, 1)[0];
    let appraiser_name = g.name(appraiser);
    let valuers = [g.person(), g.person()];
    let base_date = first - chrono::Duration::days(g.range(60, 200) as i64);
    let book = (value * (0.7 + g.rng.f64() * 0.35) / 100.0).round() * 100.0;
    let (site, section) =
        *g.weighted(&[((Site::Jscq, "cqzr"), 45), ((Site::Jsggzy, "003005"), 35), ((Site::CitySasac, "cqjy"), 20)]);
    let mut day = first;

    // 审计评估结果 (T20).
    if deal != Deal::Lease && g.chance(60) {
        let formed = g.formed(Some("T20"), day);
        let method = *g.one(&["资产基础法", "收益法", "市场法", "资产基础法和收益法"]);
        let mut b = text::Body::new();
        b.p(format!(
            "受{seller}委托，{appraiser_name}对{target}所涉及的{}在评估基准日{}的市场价值进行了评估。",
            if deal == Deal::Equity || deal == Deal::CapitalIncrease { "股东全部权益" } else { "资产" },
            date_cn(base_date)
        ));
        b.p(format!(
            "评估方法：{method}\n账面价值：{}\n评估值：{}\n增值率：{:.2}%",
            wan(book),
            wan(value),
            (value / book - 1.0) * 100.0
        ));
        b.p(format!(
            "评估报告文号：{}评报字〔{}〕第{}号\n签字资产评估师：{}、{}",
            places::doc_abbr(region),
            base_date.year(),
            g.range(10, 999),
            valuers[0],
            valuers[1]
        ));
        if deal == Deal::Equity || deal == Deal::CapitalIncrease {
            let auditor = g.fitting(Kind::Appraiser, &["会计师"], region, 1)[0];
            b.p(format!(
                "审计情况：{}对标的企业{}年度财务报表进行了审计，出具了标准无保留意见的审计报告。",
                g.name(auditor),
                year - 1
            ));
        }
        b.p(format!("上述评估结果已报{sasac}备案，评估结果有效期一年。"));
        let draft = Draft {
            title: format!("{target}资产评估结果公示"),
            body: b.finish(),
            publisher: seller.clone(),
            site,
            section,
            code: Some(code.clone()),
            amount: Some(value),
            entities: vec![appraiser_name.clone(), target_name.clone(), valuers[0].clone(), valuers[1].clone()],
            ..Draft::new("T20", region, day, formed)
        };
        g.emit(draft);
        day = g.later(day, 3, 15);
    }

    // 标的底价 (T21).
    let reserve = ((value * if g.chance(70) { 1.0 } else { 1.0 + g.rng.f64() * 0.1 }) / 100.0).round() * 100.0;
    if g.chance(40) {
        let formed = g.formed(Some("T21"), day);
        let mut b = text::Body::new();
        b.p(format!(
            "经{seller}{}决议，并报{sasac}批准，{target}拟通过产权交易机构公开挂牌{}。",
            if deal == Deal::Vehicles { "党组会议" } else { "董事会" },
            if deal == Deal::Lease { "招租" } else { "转让" }
        ));
        b.p(format!("项目编号：{code}\n标的名称：{target}\n评估值：{}\n挂牌底价：{}", wan(value), wan(reserve)));
        b.p("底价确定依据：以经备案的资产评估结果为基础，挂牌底价不低于评估值。首次挂牌未征集到意向受让方的，可降价重新挂牌，降价幅度不超过评估值的10%，降价后低于评估值90%的，应重新履行审批程序。");
        let draft = Draft {
            title: format!("{target}{}底价公示", if deal == Deal::Lease { "招租" } else { "挂牌" }),
            body: b.finish(),
            publisher: seller.clone(),
            site,
            section,
            code: Some(code.clone()),
            amount: Some(reserve),
            ..Draft::new("T21", region, day, formed)
        };
        g.emit(draft);
        day = g.later(day, 2, 10);
    }

    // 信息预披露 and 正式披露 (T22).
    let exchange = if places::is_province(region) || g.chance(50) {
        "江苏省产权交易所".to_string()
    } else {
        places::org(region, Body::TradingCenter)
    };
    if deal == Deal::Equity && g.chance(15) {
        let formed = g.formed(Some("T22"), day);
        let mut b = text::Body::new();
        b.p(format!("根据《企业国有资产交易监督管理办法》（国务院国资委、财政部令第32号）规定，{seller}拟转让所持有的{target}，现进行信息预披露。"));
        b.p(format!("项目编号：{code}-Y\n转让方：{seller}\n标的企业：{target_name}\n拟转让比例：{pct}%"));
        b.p("预披露期间不接受意向受让方的受让申请，正式挂牌信息以正式披露公告为准。预披露期为20个工作日。");
        let draft = Draft {
            title: format!("{target}转让项目信息预披露"),
            body: b.finish(),
            publisher: exchange.clone(),
            site,
            section,
            code: Some(code.clone()),
            entities: vec![seller.clone(), target_name.clone()],
            ..Draft::new("T22", region, day, formed)
        };
        g.emit(draft);
        day = g.later(day, 22, 30);
    }
    let deposit = (reserve * 0.2 / 100.0).round() * 100.0;
    let employees = g.range(12, 680);
    {
        let formed = g.formed(Some("T22"), day);
        let mut b = text::Body::new();
        let title = match deal {
            Deal::Equity => {
                b.p(format!("项目编号：{code}\n转让方：{seller}\n标的企业：{target_name}\n转让标的：{target}"));
                b.p(format!(
                    "标的企业基本情况：注册资本{}，职工人数{employees}人，经营范围为{}。本次转让{}涉及职工安置。",
                    wan(g.money(500.0, 20_000.0)),
                    g.one(&[
                        "物业管理、停车场服务、房屋租赁",
                        "建筑材料销售、货物运输、仓储服务",
                        "酒店管理、餐饮服务、会议会展服务",
                        "检验检测服务、技术咨询"
                    ]),
                    if g.chance(70) { "不" } else { "" }
                ));
                b.p(format!(
                    "主要财务指标（{}年度审计报告）：资产总计{}，负债总计{}，营业收入{}，净利润{}。",
                    year - 1,
                    wan(book * 1.6),
                    wan(book * 0.6),
                    wan(book * 0.9),
                    wan(book * 0.04)
                ));
                format!("{target}国有产权转让公告")
            }
            Deal::CapitalIncrease => {
                b.p(format!("项目编号：{code}\n融资方：{target_name}\n原股东：{seller}（持股100%）"));
                b.p(format!("增资方案：拟新增注册资本{}，拟募集资金不低于{}，拟征集投资方1至3家，增资完成后原股东持股比例不低于51%。募集资金用途：补充流动资金及新项目建设。", wan(value * 0.3), wan(reserve)));
                format!("{target_name}增资扩股项目公告")
            }
            Deal::Property => {
                b.p(format!(
                    "项目编号：{code}\n转让方：{seller}\n标的：{target}，建筑面积{}平方米，{}",
                    g.range(200, 12_000),
                    g.one(&["产权清晰，已办理不动产权证", "现状为空置，按现状交付", "带租约转让，租期至合同约定日"])
                ));
                format!("{target}转让公告")
            }
            Deal::Vehicles => {
                b.p(format!("项目编号：{code}\n委托方：{seller}\n标的：{target}，车辆型号、登记日期、行驶里程详见车辆清单，车辆按现状拍卖。"));
                format!("{target}拍卖公告")
            }
            Deal::Lease => {
                b.p(format!(
                    "项目编号：{code}\n出租方：{seller}\n标的：{target}，租赁面积{}平方米，租期三年，租金按年支付。",
                    g.range(50, 2_000)
                ));
                format!("{target}公开招租公告")
            }
        };
        b.p(format!(
            "{}：{}\n交易保证金：{}",
            if deal == Deal::Lease { "年租金挂牌价" } else { "挂牌底价" },
            wan(reserve),
            wan(deposit)
        ));
        b.p(format!(
            "受让方资格条件：依法设立并有效存续的境内企业法人、其他组织或具有完全民事行为能力的自然人；{}。",
            g.one(&["不接受联合受让", "须具有良好的财务状况和支付能力", "意向受让方须承诺受让后维持标的企业经营稳定"])
        ));
        b.p(format!("信息披露期：自公告之日起20个工作日。交易方式：信息披露期满产生两个及以上符合条件的意向受让方的，采取网络竞价（多次报价）方式确定受让方。价款支付方式：一次性支付。\n联系方式：{exchange}，{}", places::phone(&mut g.rng, region)));
        let draft = Draft {
            title,
            body: b.finish(),
            publisher: exchange.clone(),
            site,
            section,
            code: Some(code.clone()),
            amount: Some(reserve),
            entities: vec![seller.clone(), target_name.clone()],
            ..Draft::new("T22", region, day, formed)
        };
        g.emit(draft);
    }

    // 成交 (T22).
    if g.chance(15) {
        return;
    }
    let buyer_kind = match deal {
        Deal::Vehicles | Deal::Lease => Kind::Service,
        Deal::Property => Kind::Developer,
        _ => Kind::Investor,
    };
    let buyer = g.company(buyer_kind, region);
    let buyer_name = g.name(buyer);
    let bidders = g.range(1, 6);
    let price = if bidders == 1 { reserve } else { ((reserve * (1.0 + g.rng.f64() * 0.35)) / 100.0).round() * 100.0 };
    let closed = g.later(day, 21, 30);
    let published = g.later(closed, 1, 4);
    let formed = g.formed(Some("T22"), published);
    let mut b = text::Body::new();
    b.p(format!(
        "项目编号：{code}\n项目名称：{target}\n{}：{seller}",
        if deal == Deal::CapitalIncrease { "融资方原股东" } else { "转让方" }
    ));
    b.p(format!(
        "{}：{buyer_name}\n成交价格：{}（{}）\n挂牌价格：{}\n增值率：{:.2}%\n成交日期：{}",
        if deal == Deal::CapitalIncrease { "投资方" } else { "受让方" },
        yuan(price),
        wan(price),
        wan(reserve),
        (price / reserve - 1.0) * 100.0,
        date_cn(closed)
    ));
    b.p(format!(
        "交易方式：{}。",
        if bidders == 1 {
            "信息披露期满只征集到一个符合条件的意向受让方，以挂牌价格协议成交".to_string()
        } else {
            format!("网络竞价（多次报价），共{bidders}家意向受让方参与竞价")
        }
    ));
    b.opt("交易双方已签订产权交易合同，交易价款已按约定支付至交易机构结算账户。");
    let draft = Draft {
        title: match deal {
            Deal::Equity => format!("{target_name}{pct}%股权转让项目成交公告"),
            Deal::CapitalIncrease => format!("{target_name}增资项目结果公告"),
            Deal::Lease => format!("{target}招租结果公示"),
            _ => format!("{target}成交结果公示"),
        },
        body: b.finish(),
        publisher: exchange,
        site,
        section,
        code: Some(code),
        amount: Some(price),
        entities: vec![seller, buyer_name, target_name],
        ..Draft::new("T22", region, published, formed)
    };
    g.emit(draft);
}

/// 交易活动当事人信用奖惩 (T23).
pub(super) fn credit(g: &mut Gen) {
    let region = places::pick_region(&mut g.rng, Scope::City);
    let published = g.start();
    let formed = g.formed(Some("T23"), published);
    let decided = formed.unwrap_or(published);
    let year = decided.year();
    let mut b = text::Body::new();
    let (title, publisher, entities) = if g.chance(65) {
        let c = g.company(Kind::Investor, region);
        let c = g.co(c).clone();
        let deal_year = year - i32::from(g.chance(40));
        let code = format!("JSCQ-{deal_year}-{:04}", g.serial(format!("JSCQ{deal_year}"), 150));
        let sasac = places::org(region, Body::Sasac);
        let share = g.one(&["100", "51", "30"]);
        let breach = g.one(&["无正当理由拒绝签订产权交易合同", "未按约定期限支付交易价款", "提供虚假的资格证明材料"]);
        b.p(format!(
            "{}在参与{}{share}%股权转让项目（项目编号：{code}）竞价成交后，{breach}，违反了交易规则及其作出的承诺。",
            c.name,
            places::prefix(region)
        ));
        b.p(format!("当事人：{}\n统一社会信用代码：{}\n法定代表人：{}", c.name, c.credit_code, c.legal_rep));
        b.p("处理结果：扣除其交纳的交易保证金，列入国有产权交易不良行为记录名单，三年内不得参与本地区国有产权交易活动，相关信息推送至信用中国（江苏）网站。");
        (format!("关于将{}列入国有产权交易不良行为记录名单的公告", c.name), sasac, vec![c.name, c.legal_rep])
    } else {
        let firms = g.companies(Kind::Appraiser, region, 4);
        let sasac = places::org(region, Body::Sasac);
        b.p(format!("根据《{}中介机构从事国有资产评估审计业务执业质量评价办法》，我委对{}年度在本地区从事国有资产评估、审计业务的中介机构开展了执业质量评价。评价结果如下：", places::prefix(region), year - 1));
        let mut names = Vec::new();
        for (i, &f) in firms.iter().enumerate() {
            let grade = ["A级（优秀）", "A级（优秀）", "B级（良好）", "C级（一般）"][i];
            b.p(format!("{}：{grade}", g.name(f)));
            names.push(g.name(f));
        }
        b.p("评价结果作为国有企业选聘中介机构的重要依据，对A级机构在选聘中给予加分，对C级机构进行约谈并加强业务抽查。");
        (format!("{}{}年度国有资产评估审计中介机构执业质量评价结果", places::prefix(region), year - 1), sasac, names)
    };
    b.sign(format!("{publisher}\n{}", date_cn(decided)));
    let draft = Draft {
        title,
        body: b.finish(),
        publisher,
        site: *g.one(&[Site::CitySasac, Site::Credit]),
        section: "xyxx",
        code: Some(g.doc(&format!("{}国资", places::doc_abbr(region)), year)),
        entities,
        ..Draft::new("T23", region, published, formed)
    };
    g.emit(draft);
}

/// 违法违规处罚 (T24): penalties on appraisal firms and valuers under the 资产评估法.
pub(super) fn penalty(g: &mut Gen) {
    let region = if g.chance(40) { places::PROVINCE } else { places::pick_region(&mut g.rng, Scope::City) };
    let finance = places::org(region, Body::Finance);
    let published = g.start();
    let formed = g.formed(Some("T24"), published);
    let decided = formed.unwrap_or(published);
    let firm = g.fitting(Kind::Appraiser, &["评估"], region, 1)[0];
    let c = g.co(firm).clone();
    let valuer = g.person();
    let doc = g.doc(&format!("{}财监罚", places::doc_abbr(region)), decided.year());
    let fine = g.money(5.0, 50.0);
    let subject = format!(
        "{}{}",
        places::prefix(if places::is_province(region) { 320100 } else { region }),
        g.one(&[
            "国有资产投资经营有限公司拟转让股权项目",
            "城市建设投资集团有限公司房产处置项目",
            "机关事务管理局资产处置项目"
        ])
    );
    let mut b = text::Body::new();
    b.p(format!(
        "当事人：{}\n统一社会信用代码：{}\n执行事务合伙人（法定代表人）：{}",
        c.name, c.credit_code, c.legal_rep
    ));
    b.p(format!(
        "经查，当事人在承办{subject}资产评估业务中，{}，出具的评估报告存在重大遗漏。签字资产评估师{valuer}未勤勉尽责。",
        g.one(&[
            "未对评估对象的权属状况履行核查验证程序",
            "评估参数选取缺乏依据，导致评估结论明显偏低",
            "未按资产评估准则要求进行现场调查"
        ])
    ));
    b.p(format!("依据《中华人民共和国资产评估法》第四十七条、第四十九条规定，本机关决定：对{}给予警告，没收违法所得，并处罚款{}；对资产评估师{valuer}给予警告。", c.name, yuan(fine)));
    b.p("当事人如不服本决定，可在收到本决定书之日起六十日内申请行政复议，或者在六个月内向人民法院提起行政诉讼。");
    b.sign(format!("{finance}\n{}", date_cn(decided)));
    let draft = Draft {
        title: if g.chance(50) {
            format!("{finance}行政处罚决定书（{doc}）")
        } else {
            format!("关于对{}的行政处罚决定", c.name)
        },
        body: b.finish(),
        publisher: finance,
        site: *g.one(&[Site::Credit, Site::ProvFinance]),
        section: "xzcf",
        code: Some(doc),
        amount: Some(fine),
        entities: vec![c.name, c.legal_rep, valuer],
        ..Draft::new("T24", region, published, formed)
    };
    g.emit(draft);
}
