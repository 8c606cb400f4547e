//! 国有土地使用权出让 (T08–T10): annual supply plans, parcel sale notices, deal announcements,
//! supply results, and contract performance and changes.

use super::names::Kind;
use super::places::{self, Body, Scope, Site};
use super::text::{self, date_cn, datetime_cn, wan, yuan};
use super::{Award, Draft, Gen};
use chrono::Datelike;

/// A land use: name, years of the grant, FAR clause, area range (m²), price range per m² of
/// floor area (or of land for industry), buyer kind, weight.
struct Use {
    name: &'static str,
    short: &'static str,
    years: u32,
    far: &'static [&'static str],
    area: (u32, u32),
    price: (f64, f64),
    far_mid: f64,
    buyer: Kind,
}

#[rustfmt::skip]
const USES: &[(Use, u32)] = &[
    (Use { name: "城镇住宅用地", short: "住宅", years: 70, far: &["1.0<容积率≤2.0", "1.0<容积率≤2.2", "1.8<容积率≤2.5", "1.0<容积率≤1.6"], area: (20_000, 120_000), price: (2_500.0, 28_000.0), far_mid: 2.0, buyer: Kind::Developer }, 38),
    (Use { name: "城镇住宅用地兼容零售商业用地", short: "住宅", years: 70, far: &["1.0<容积率≤2.3", "1.5<容积率≤2.8"], area: (30_000, 150_000), price: (3_000.0, 22_000.0), far_mid: 2.2, buyer: Kind::Developer }, 8),
    (Use { name: "商务金融用地", short: "商服", years: 40, far: &["2.0<容积率≤4.0", "容积率≤3.5"], area: (5_000, 40_000), price: (1_200.0, 6_000.0), far_mid: 3.0, buyer: Kind::Developer }, 12),
    (Use { name: "零售商业用地", short: "商服", years: 40, far: &["1.0<容积率≤2.5", "容积率≤2.0"], area: (3_000, 30_000), price: (1_000.0, 5_000.0), far_mid: 1.8, buyer: Kind::Investor }, 6),
    (Use { name: "工业用地", short: "工业", years: 50, far: &["容积率≥1.2", "1.2≤容积率≤2.5", "容积率≥1.0"], area: (10_000, 100_000), price: (240.0, 720.0), far_mid: 0.0, buyer: Kind::Industrial }, 30),
    (Use { name: "仓储用地", short: "仓储", years: 50, far: &["容积率≥1.0", "1.0≤容积率≤2.0"], area: (15_000, 80_000), price: (300.0, 800.0), far_mid: 0.0, buyer: Kind::Industrial }, 4),
    (Use { name: "科研用地", short: "科研", years: 50, far: &["1.5≤容积率≤3.0"], area: (8_000, 50_000), price: (500.0, 1_600.0), far_mid: 0.0, buyer: Kind::Industrial }, 2),
];

/// The parcel number as each city writes it: `宁地2026-G15号`, `苏地2025-WG-18号`,
/// `锡国土（经）2026-7号`, `昆地2026-21号`.
fn parcel_code(g: &mut Gen, region: u32, year: i32, industrial: bool) -> String {
    let city = places::city(region);
    let county = !places::is_district(region) && region != city.code;
    // `#` stands for the number; the template is also the key of the number series, so two
    // districts of one city never get the same parcel number.
    let template = if county {
        format!("{}地{year}-{}#号", places::doc_abbr(region), if industrial { "G" } else { "" })
    } else {
        match city.code {
            320100 => format!("宁地{year}-G#号"),
            320500 => format!("苏地{year}-{}-#号", if industrial { "WG-GY" } else { "WG" }),
            320200 => format!("锡国土（{}）{year}-#号", if industrial { "工" } else { "经" }),
            320400 if region == city.code => format!("常地{year}-#号"),
            320400 => {
                let district = places::short(region).chars().next().map(String::from).unwrap_or_default();
                format!("常{district}地{year}-#号")
            }
            _ => format!("{}地{year}-#号", city.abbr),
        }
    };
    let n = g.serial(template.clone(), 12);
    template.replace('#', &n.to_string())
}

/// 土地供应计划 (T08).
pub(super) fn supply_plan(g: &mut Gen) {
    let region = places::pick_region(&mut g.rng, Scope::CityOrCounty);
    let bureau = places::org(region, Body::NaturalResources);
    let year = 2023 + g.range(0, 3) as i32;
    let published = g.early_in_year(year, 80);
    let formed = g.formed(Some("T08"), published);
    let prefix = places::prefix(region);
    let big = region.is_multiple_of(100);
    let total = if big { 800.0 + g.rng.f64() * 1800.0 } else { 150.0 + g.rng.f64() * 600.0 };
    let housing = total * (0.18 + g.rng.f64() * 0.12);
    let affordable = housing * (0.1 + g.rng.f64() * 0.15);
    let industry = total * (0.25 + g.rng.f64() * 0.15);
    let commerce = total * (0.05 + g.rng.f64() * 0.05);
    let other = total - housing - industry - commerce;
    let mut b = text::Body::new();
    let title = if big && g.chance(40) {
        let batch = *g.one(&["第一批次", "第二批次", "第三批次"]);
        b.p(format!("为促进房地产市场平稳健康发展，根据自然资源部住宅用地供应有关要求，现将{prefix}{year}年{batch}住宅用地集中供应计划公告如下："));
        b.p(format!(
            "本批次计划供应住宅用地{}宗，面积约{:.2}公顷，其中商品住宅用地{:.2}公顷、保障性住房用地{:.2}公顷。",
            g.range(6, 24),
            housing * 0.4,
            housing * 0.35,
            affordable * 0.5
        ));
        b.p(format!(
            "出让公告拟于{year}年{}月集中发布，土地出让采用网上挂牌方式在江苏省国有建设用地使用权网上交易系统进行。",
            g.range(3, 10)
        ));
        b.p("各地块的具体位置、面积、规划条件等以正式出让公告为准。");
        format!("{prefix}{year}年{batch}住宅用地集中供应计划公告")
    } else {
        b.p(format!("根据《国有建设用地供应计划编制规范（试行）》，结合本地区经济社会发展规划和年度土地利用计划，{bureau}编制了{prefix}{year}年度国有建设用地供应计划，经{}人民政府批准，现予以公布。", prefix));
        b.p(format!("一、供应总量\n{year}年度计划供应国有建设用地{total:.2}公顷。"));
        b.p(format!(
            "二、供应结构\n住宅用地{housing:.2}公顷（其中保障性住房用地{affordable:.2}公顷、商品住宅用地{:.2}公顷）；工业用地{industry:.2}公顷；商服用地{commerce:.2}公顷；公共管理与公共服务用地、交通运输用地等其他用地{other:.2}公顷。",
            housing - affordable
        ));
        b.p("三、供应方式\n商品住宅、商服等经营性用地以及工业用地一律采用招标拍卖挂牌方式出让；保障性住房及公共服务设施用地依法采用划拨方式供应。");
        b.opt("四、空间布局与时序安排\n住宅用地主要布局在中心城区及重点片区，工业用地主要布局在经济开发区、高新区等产业园区。计划按季度均衡供应，并可根据市场情况适时调整。");
        format!("{prefix}{year}年度国有建设用地供应计划")
    };
    b.sign(format!("{bureau}\n{}", date_cn(formed.unwrap_or(published))));
    let draft = Draft {
        title,
        body: b.finish(),
        publisher: bureau,
        site: *g.one(&[Site::CityLand, Site::ProvLand, Site::LandChina]),
        section: "gdjh",
        code: Some(g.doc(&format!("{}自然资规", places::doc_abbr(region)), year)),
        ..Draft::new("T08", region, published, formed)
    };
    g.emit(draft);
}

/// One parcel: sale notice → deal announcement → (supply result) → (performance or change).
pub(super) fn parcel(g: &mut Gen) {
    let region = places::pick_region(&mut g.rng, Scope::Local);
    let land_use = g.weighted(USES);
    let industrial = land_use.far_mid == 0.0;
    let notice_day = g.start();
    let year = notice_day.year();
    let code = parcel_code(g, region, year, industrial);
    let bureau = places::org(region, Body::NaturalResources);
    let center = places::org(region, Body::TradingCenter);
    let area = g.range(land_use.area.0, land_use.area.1) as f64;
    let far_text = *g.one(land_use.far);
    // Land is dearer in the big southern cities than in the north, and in cities than counties.
    let tier = places::city(region).weight as f64 / 15.0
        * if places::is_district(region) || region.is_multiple_of(100) { 1.0 } else { 0.6 };
    let unit = land_use.price.0
        + (land_use.price.1 - land_use.price.0) * g.rng.f64().powi(2) * if industrial { 1.0 } else { tier };
    let start_price = if industrial {
        (area * unit / 10_000.0).round() * 10_000.0
    } else {
        (area * land_use.far_mid * unit / 100_000.0).round() * 100_000.0
    };
    let deposit = (start_price * if industrial { 0.2 } else { 0.3 } / 10_000.0).round() * 10_000.0;
    let step = if start_price > 1e8 {
        5_000_000.0
    } else if start_price > 1e7 {
        500_000.0
    } else {
        50_000.0
    };
    let method = *g.weighted(&[("挂牌", 85), ("拍卖", 12), ("招标", 3)]);
    let location =
        format!("{}{}片区，{}", places::name(region), places::area(&mut g.rng), places::boundaries(&mut g.rng));
    let (site, section) = *g.weighted(&[
        ((Site::Jsggzy, "003002"), 45),
        ((Site::CityLand, "crgg"), 30),
        ((Site::LandChina, "1"), 15),
        ((Site::ProvLand, "crgg"), 10),
    ]);
    let publisher = if g.chance(60) { bureau.clone() } else { center.clone() };
    let start_hours = g.later_days(notice_day, 20, 24);
    let end_hours = g.later(start_hours, 10, 10);
    let phone = places::phone(&mut g.rng, region);

    // 出让公告.
    {
        let formed = g.formed(Some("T09"), notice_day);
        let mut b = text::Body::new();
        b.p(format!(
            "经{}人民政府批准，{bureau}决定以{method}方式出让1幅地块的国有建设用地使用权。现将有关事项公告如下：",
            places::prefix(region)
        ));
        b.p(format!(
            "一、{method}出让地块的基本情况和规划指标要求\n地块编号：{code}\n地块位置：{location}\n土地面积：{area:.0}平方米\n土地用途：{}\n容积率：{far_text}\n建筑密度：{}\n绿地率：{}\n出让年限：{}年\n起始价：{}{}\n竞买保证金：{}\n增价幅度：{}",
            land_use.name,
            if industrial { "≥40%" } else { "≤25%" },
            if industrial { "≤15%" } else { "≥30%" },
            land_use.years,
            wan(start_price),
            if industrial { format!("（{:.0}元/平方米）", start_price / area) } else { format!("（楼面地价{:.0}元/平方米）", start_price / area / land_use.far_mid) },
            wan(deposit),
            wan(step)
        ));
        b.p("二、中华人民共和国境内外的法人、自然人和其他组织（法律另有规定的除外）均可申请参加，申请人可以单独申请，也可以联合申请。失信被执行人不得参加竞买。");
        b.p(format!("三、本次国有建设用地使用权{method}出让通过江苏省国有建设用地使用权网上交易系统进行，按照价高者得的原则确定竞得人。{}", if industrial { "" } else { "地块竞价达到最高限价后，转为竞报配建保障性租赁住房面积。" }));
        b.p(format!(
            "四、{method}时间：{}至{}。竞买保证金到账截止时间为{}。",
            datetime_cn(start_hours, 9, 0),
            datetime_cn(end_hours, 10, 0),
            datetime_cn(end_hours - chrono::Duration::days(2), 16, 0)
        ));
        b.opt(format!(
            "五、其他需要公告的事项\n1.竞得人须在成交后10个工作日内签订《国有建设用地使用权出让合同》。\n2.{}",
            if industrial {
                "竞得人须与园区管委会签订投资发展监管协议，约定投资强度、亩均税收及开竣工时间。"
            } else {
                "地块按现状交付，开工时间为交地之日起1年内，竣工时间为开工之日起3年内。"
            }
        ));
        b.p(format!("联系地址：{center}\n联系电话：{phone}"));
        b.sign(format!("{bureau}\n{}", date_cn(notice_day)));
        let draft = Draft {
            title: if g.chance(60) {
                format!("{code}地块国有建设用地使用权{method}出让公告")
            } else {
                format!("{bureau}国有建设用地使用权{method}出让公告（{code}）")
            },
            body: b.finish(),
            publisher: publisher.clone(),
            site,
            section,
            code: Some(code.clone()),
            amount: Some(start_price),
            ..Draft::new("T09", region, notice_day, formed)
        };
        g.emit(draft);
    }

    // 成交公示 (or 终止).
    let deal_day = g.later(end_hours, 0, 3);
    let formed = g.formed(Some("T09"), deal_day);
    if g.chance(7) {
        let mut b = text::Body::new();
        b.p(format!(
            "我局于{}发布的{code}地块国有建设用地使用权{method}出让公告，在规定的报价期内{}。",
            date_cn(notice_day),
            g.one(&["无竞买人提交竞买申请", "仅有一个竞买人报价且报价低于底价"])
        ));
        b.p(format!(
            "根据《招标拍卖挂牌出让国有建设用地使用权规定》，该地块本次{method}出让不成交（流拍），终止本次出让活动。"
        ));
        b.p(format!("地块位置：{location}\n土地面积：{area:.0}平方米\n土地用途：{}", land_use.name));
        b.p("该地块将另行择期公告出让。");
        b.sign(format!("{bureau}\n{}", date_cn(deal_day)));
        let draft = Draft {
            title: format!("{code}地块国有建设用地使用权{method}出让终止公告"),
            body: b.finish(),
            publisher,
            site,
            section,
            code: Some(code),
            ..Draft::new("T09", region, deal_day, formed)
        };
        g.emit(draft);
        return;
    }
    let buyer = g.company(land_use.buyer, region);
    let buyer_name = g.name(buyer);
    let premium = if industrial || g.chance(55) { 0.0 } else { g.rng.f64().powi(2) * 0.45 };
    let deal = if premium > 0.0 { ((start_price * (1.0 + premium)) / step).round() * step } else { start_price };
    let rounds = if premium > 0.0 { g.range(3, 160) } else { 1 };
    {
        let mut b = text::Body::new();
        b.p(format!(
            "{bureau}于{}至{}以{method}方式出让{code}地块国有建设用地使用权，现将成交结果公示如下：",
            date_cn(start_hours),
            date_cn(end_hours)
        ));
        b.p(format!(
            "地块编号：{code}\n地块位置：{location}\n土地面积：{area:.0}平方米\n土地用途：{}\n容积率：{far_text}\n起始价：{}\n成交价：{}\n{}\n竞得人：{buyer_name}\n成交时间：{}",
            land_use.name,
            wan(start_price),
            wan(deal),
            if industrial { format!("单价：{:.0}元/平方米", deal / area) } else { format!("楼面地价：{:.0}元/平方米，溢价率：{:.2}%", deal / area / land_use.far_mid, premium * 100.0) },
            date_cn(deal_day)
        ));
        b.opt(format!(
            "本次出让共有{}家竞买人参与报价，经{rounds}轮竞价，{buyer_name}以最高报价竞得。",
            if premium > 0.0 { g.range(2, 9) } else { 1 }
        ));
        b.p(format!("公示期：{}至{}。联系电话：{phone}", date_cn(deal_day), date_cn(g.later(deal_day, 5, 5))));
        let draft = Draft {
            title: format!("{code}地块国有建设用地使用权{method}出让成交公示"),
            body: b.finish(),
            publisher: publisher.clone(),
            site,
            section,
            code: Some(code.clone()),
            amount: Some(deal),
            entities: vec![buyer_name.clone()],
            ..Draft::new("T09", region, deal_day, formed)
        };
        g.emit(draft);
    }
    let contract_day = g.later(deal_day, 5, 10);
    let e_code = format!("{region}{year}B{:05}", g.range(1, 3000));
    g.parcels.push(Award {
        company: buyer,
        manager: None,
        owner: bureau.clone(),
        project: format!("{code}地块"),
        code: code.clone(),
        region,
        amount: deal,
        date: deal_day,
    });

    // 供应结果.
    if g.chance(40) {
        let published = g.later(contract_day, 2, 10);
        let formed = if g.chance(90) { Some(contract_day) } else { g.formed(Some("T09"), published) };
        let mut b = text::Body::new();
        b.p(format!("根据《国有建设用地使用权出让合同》，现将{code}地块供应结果公布如下："));
        b.p(format!("电子监管号：{e_code}\n项目名称：{}\n项目位置：{location}\n面积：{:.4}公顷\n土地来源：{}\n土地用途：{}\n供地方式：{method}出让\n土地使用年限：{}年", if industrial { format!("{buyer_name}新建厂房项目") } else { format!("{buyer_name}{}项目", land_use.short) }, area / 10_000.0, g.one(&["新增建设用地", "现有建设用地", "新增建设用地（来自存量库）"]), land_use.name, land_use.years));
        b.p(format!("土地使用权人：{buyer_name}\n成交价格：{}\n合同签订日期：{}\n约定交地时间：{}\n约定开工时间：{}\n约定竣工时间：{}", wan(deal), date_cn(contract_day), date_cn(contract_day + chrono::Duration::days(60)), date_cn(contract_day + chrono::Duration::days(365)), date_cn(contract_day + chrono::Duration::days(365 * 3))));
        let draft = Draft {
            title: format!("{}国有建设用地使用权供应结果公示（{code}）", places::prefix(region)),
            body: b.finish(),
            publisher: bureau.clone(),
            site: *g.one(&[Site::LandChina, Site::CityLand]),
            section: "gyjg",
            code: Some(code.clone()),
            amount: Some(deal),
            entities: vec![buyer_name.clone()],
            ..Draft::new("T09", region, published, formed)
        };
        g.emit(draft);
    }

    // 履约及变更 (T10).
    if g.chance(22) {
        performance_record(g, region, &bureau, &code, &buyer_name, &location, land_use.name, deal, contract_day);
    }
}

#[allow(clippy::too_many_arguments)]
fn performance_record(
    g: &mut Gen,
    region: u32,
    bureau: &str,
    code: &str,
    buyer: &str,
    location: &str,
    use_name: &str,
    deal: f64,
    contract_day: chrono::NaiveDate,
) {
    let published = g.after(Some(contract_day), 200, 700);
    let formed = g.formed(Some("T10"), published);
    let mut b = text::Body::new();
    let variant = g.range(0, 3);
    if !g.first_time(format!("{code}:{variant}")) {
        return;
    }
    let (title, amount) = match variant {
        0 => {
            b.p(format!(
                "{code}地块（{location}）由{buyer}竞得，土地用途为{use_name}，出让合同约定开工时间为{}。",
                date_cn(contract_day + chrono::Duration::days(365))
            ));
            b.p(format!(
                "经核查，该地块{}。",
                g.one(&[
                    "已按合同约定时间开工建设，履约情况良好",
                    "已按期开工，主体结构已封顶",
                    "已竣工并通过规划核实，履约完成"
                ])
            ));
            b.p(format!("土地出让价款{}已全部缴清，土地使用权人已办理不动产权登记。", wan(deal)));
            b.p(format!("根据出让合同约定，对未按期开工、竣工的，将依法收取违约金或认定闲置土地。对公示内容有异议的，请于公示之日起5个工作日内向{bureau}书面反映。"));
            (format!("{code}地块国有建设用地使用权出让合同履约情况公示"), Some(deal))
        }
        1 => {
            let days = g.range(180, 540);
            b.p(format!(
                "{buyer}竞得的{code}地块，因{}，申请延期开工。",
                g.one(&["地块范围内地下管线迁移未完成，不具备开工条件", "规划设计方案调整", "政府原因造成交地延迟"])
            ));
            b.p(format!("经审查，符合《闲置土地处置办法》第八条规定的情形。经研究，同意签订出让合同补充协议，开工时间延期{days}日，竣工时间相应顺延。"));
            b.p(format!("地块位置：{location}\n土地用途：{use_name}"));
            (format!("关于{code}地块国有建设用地使用权出让合同补充协议（延期开竣工）的公告"), None)
        }
        2 => {
            b.p(format!("{code}地块现土地使用权人{buyer}申请调整地块规划条件。"));
            b.p(format!(
                "调整内容：{}。",
                g.one(&[
                    "容积率由不大于2.0调整为不大于2.2，相应补缴土地出让价款",
                    "配套商业比例由不大于10%调整为不大于5%",
                    "建筑限高由60米调整为80米，其他规划指标不变"
                ])
            ));
            b.p(format!("根据《江苏省城乡规划条例》相关规定，现将调整方案予以公示，公示期30日。利害关系人对调整方案有意见的，可在公示期内向{bureau}书面反映。"));
            (format!("关于{code}地块规划条件变更的公示"), None)
        }
        _ => {
            b.p(format!("{buyer}竞得的{code}地块（{location}），出让合同约定的开工日期已满一年未动工开发。"));
            b.p(format!("根据《闲置土地处置办法》第十四条，经调查核实，认定该宗地为闲置土地，对{buyer}征缴土地闲置费{}（土地出让价款的20%）。", yuan((deal * 0.2).round())));
            b.p("土地使用权人应自收到本决定书之日起30日内缴纳土地闲置费，并在规定期限内动工开发。");
            (format!("{code}地块闲置土地认定书"), Some((deal * 0.2).round()))
        }
    };
    b.sign(format!("{bureau}\n{}", date_cn(formed.unwrap_or(published))));
    let draft = Draft {
        title,
        body: b.finish(),
        publisher: bureau.to_string(),
        site: *g.one(&[Site::CityLand, Site::Jsggzy]),
        section: "lybg",
        code: Some(code.to_string()),
        amount,
        entities: vec![buyer.to_string()],
        ..Draft::new("T10", region, published, formed)
    };
    g.emit(draft);
}

/// A performance or change record of a parcel sold earlier (T10).
pub(super) fn performance(g: &mut Gen) {
    if g.parcels.is_empty() {
        parcel(g);
        return;
    }
    let a = g.parcels[g.rng.usize(..g.parcels.len())].clone();
    let buyer = g.name(a.company);
    let location = format!("{}{}片区", places::name(a.region), places::area(&mut g.rng));
    performance_record(g, a.region, &a.owner, &a.code, &buyer, &location, "国有建设用地", a.amount, a.date);
}
