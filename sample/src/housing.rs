//! 住房保障 (H01–H18): plans, annual construction programmes and their progress, rural
//! dilapidated-housing renovation, and the allocation of public rental, affordable rental and
//! shared-ownership housing.

use super::names::Kind;
use super::places::{self, Body, Scope, Site};
use super::text::{self, date_cn, wan};
use super::{Draft, Gen};
use chrono::Datelike;

fn region(g: &mut Gen) -> u32 {
    if g.chance(75) {
        places::pick_region(&mut g.rng, Scope::CityOrCounty)
    } else {
        places::pick_region(&mut g.rng, Scope::Local)
    }
}

fn publisher(region: u32) -> String {
    places::org(region, Body::HousingSecurity)
}

fn site(g: &mut Gen, region: u32) -> Site {
    if places::is_province(region) {
        Site::ProvHousing
    } else {
        *g.one(&[Site::CityHousing, Site::CityHousing, Site::CityGov, Site::ProvHousing])
    }
}

/// The project code shared by a division's housing programme of one year.
fn programme_code(region: u32, year: i32) -> String {
    format!("{}保障〔{year}〕{}号", places::doc_abbr(region), region % 97 + 1)
}

/// 规划建设方案 (H01), 分配政策 (H13) and 分配程序 (H16): policy documents.
pub(super) fn planning(g: &mut Gen) {
    let region = region(g);
    let day = g.start();
    let year = day.year();
    let p = places::prefix(region);
    let publisher = publisher(region);
    let mut b = text::Body::new();
    let (item, title, code) = match g.range(0, 2) {
        0 => {
            let from = year + i32::from(day.month() > 9);
            b.p(format!("为加快完善以公租房、保障性租赁住房和共有产权房为主体的住房保障体系，根据省住房和城乡建设厅工作部署，结合我{}实际，制定本方案。", if p.ends_with('县') { "县" } else if p.ends_with('区') { "区" } else { "市" }));
            b.p(format!("一、目标任务\n{from}—{}年，计划筹集保障性租赁住房{}套（间），新增公租房实物保障{}套，实施城镇老旧小区改造{}个，基本完成城市建成区内棚户区改造任务。", from + 2, g.range(2, 40) * 500, g.range(1, 20) * 50, g.range(20, 200)));
            b.p(format!("二、空间布局\n保障性租赁住房主要布局在产业园区、轨道交通站点周边及{}等就业集中区域，优先利用存量闲置房屋和企事业单位自有闲置土地建设。", places::area(&mut g.rng)));
            b.p("三、保障措施\n落实土地、财税、金融支持政策，建立项目联审机制，加强工程质量安全监管，完善分配和运营管理制度。");
            (
                "H01",
                format!("{p}城镇保障性安居工程规划建设方案（{from}—{}年）", from + 2),
                g.doc(&format!("{}政办发", places::doc_abbr(region)), year),
            )
        }
        1 => {
            let kind = *g.one(&[
                "公共租赁住房保障实施细则",
                "保障性租赁住房管理办法",
                "共有产权房管理办法（试行）",
                "关于调整公共租赁住房保障准入标准的通知",
            ]);
            b.p(format!("第一条 为规范{}管理，保障住房困难群众基本居住需求，根据《公共租赁住房管理办法》《江苏省公共租赁住房管理办法》等规定，结合本地实际，制定本{}。", kind.trim_end_matches("实施细则").trim_end_matches("管理办法（试行）").trim_end_matches("管理办法"), if kind.contains("通知") { "通知" } else { "办法" }));
            b.p(format!("第二条 申请条件：申请人具有本地城镇户籍或在本地稳定就业满1年，家庭人均月可支配收入低于{}元，家庭人均住房建筑面积低于{}平方米。新就业无房职工、外来务工人员可按规定申请。", g.range(20, 45) * 100, g.range(15, 20)));
            b.p(format!("第三条 保障方式：实行实物配租与租赁补贴相结合。实物配租租金按同地段市场租金的{}%确定，租赁补贴标准为每人每月每平方米{}元。", g.range(50, 80), g.range(8, 20)));
            b.opt("第四条 保障对象退出：家庭收入、住房状况发生变化不再符合条件的，应当在规定期限内退出；拒不退出的，按市场租金计收，并记入个人信用记录。");
            ("H13", format!("{p}{kind}"), g.doc(&format!("{}政规", places::doc_abbr(region)), year))
        }
        _ => {
            b.p(format!("为方便群众办理住房保障业务，现将{p}公共租赁住房申请审核及配租程序公布如下："));
            b.p("一、申请：申请人持身份证、户口簿、收入证明、婚姻状况证明等材料，向户籍所在地街道（镇）住房保障窗口提出申请，也可通过“我的江苏”政务服务平台在线申请。");
            b.p("二、审核：街道（镇）在受理之日起15个工作日内完成初审，并在社区公示；住房保障部门会同民政、公安、不动产登记等部门在10个工作日内完成联审。");
            b.p("三、公示与轮候：审核合格的家庭公示5个工作日，无异议的纳入轮候名单，按轮候顺序配租。");
            b.p("四、配租：公开房源信息，采取摇号方式确定选房顺序，选房结果公示后签订租赁合同。");
            (
                "H16",
                format!("{p}公共租赁住房申请审核及配租程序"),
                g.doc(&format!("{}建保", places::doc_abbr(region)), year),
            )
        }
    };
    let formed = g.formed(Some(item), day);
    b.sign(format!("{publisher}\n{}", date_cn(formed.unwrap_or(day))));
    let draft = Draft {
        title,
        body: b.finish(),
        publisher,
        site: site(g, region),
        section: "zfbz",
        code: Some(code),
        ..Draft::new(item, region, day, formed)
    };
    g.emit(draft);
}

/// The annual programme: task volume (H02), planned projects (H03), unit types (H04).
pub(super) fn annual_plan(g: &mut Gen) {
    // One programme per division and year.
    let mut chosen = None;
    for _ in 0..8 {
        let region = if g.chance(10) { places::PROVINCE } else { region(g) };
        let year = 2023 + g.range(0, 3) as i32;
        if g.first_time(format!("plan{region}-{year}")) {
            chosen = Some((region, year));
            break;
        }
    }
    let Some((region, year)) = chosen else { return };
    let day = g.early_in_year(year, 100);
    let p = places::prefix(region);
    let publisher = publisher(region);
    let code = programme_code(region, year);
    let rental = g.range(2, 60) * 100;
    let public = g.range(1, 12) * 50;
    let shanty = g.range(1, 40) * 100;
    let old = if region.is_multiple_of(100) { g.range(20, 160) } else { g.range(5, 40) };
    {
        let formed = g.formed(Some("H02"), day);
        let mut b = text::Body::new();
        if places::is_province(region) {
            b.p(format!("根据国家下达我省的{year}年城镇保障性安居工程目标任务，经省政府同意，现将全省{year}年城镇保障性安居工程年度建设计划公布如下："));
            b.p(format!("一、全省计划筹集保障性租赁住房{}万套（间），新开工棚户区改造{}万套，基本建成{}万套，开工改造城镇老旧小区{}个。", rental / 100, shanty / 100, shanty / 200, old * 10));
            b.p("二、各设区市目标任务详见附件《江苏省城镇保障性安居工程年度建设计划任务分解表》，南京、苏州、无锡等市承担保障性租赁住房筹集任务的60%以上。");
            b.p("三、各地要于3月底前将任务分解落实到具体项目，并按季度报送建设进度。");
        } else {
            b.p(format!(
                "根据省下达的目标任务，经{p}人民政府同意，现将{year}年城镇保障性安居工程年度建设计划公布如下："
            ));
            b.p(format!("一、保障性租赁住房：筹集{rental}套（间），其中新建{}套（间）、改建{}套（间）。\n二、公共租赁住房：新增实物保障{public}套，发放租赁补贴{}户。", rental * 6 / 10, rental * 4 / 10, public * 3));
            b.p(format!(
                "三、棚户区改造：新开工{shanty}套，基本建成{}套。\n四、城镇老旧小区改造：开工改造{old}个小区、{}户。",
                shanty / 2,
                old * g.range(120, 360)
            ));
            b.opt("各责任单位要按照计划抓好项目落地，确保9月底前全部开工，并按月报送建设进度。");
        }
        b.sign(format!("{publisher}\n{}", date_cn(formed.unwrap_or(day))));
        let site = site(g, region);
        let draft = Draft {
            title: format!("{p}{year}年城镇保障性安居工程年度建设计划"),
            body: b.finish(),
            publisher: publisher.clone(),
            site,
            section: "jsjh",
            code: Some(code.clone()),
            ..Draft::new("H02", region, day, formed)
        };
        g.emit(draft);
    }
    if places::is_province(region) {
        return;
    }
    let projects = projects(g, region, 3);
    let day = g.later(day, 5, 30);
    {
        let formed = g.formed(Some("H03"), day);
        let mut b = text::Body::new();
        b.p(format!("现将{p}{year}年城镇保障性安居工程计划项目信息公开如下："));
        let mut entities = Vec::new();
        for (name, owner, units) in &projects {
            b.p(format!(
                "{name}：建设单位{owner}，建设地点{}{}，计划建设{units}套，计划开工时间{year}年{}月。",
                places::name(region),
                places::road(&mut g.rng),
                g.range(3, 9)
            ));
            if owner.ends_with("公司") {
                entities.push(owner.clone());
            }
        }
        b.p("项目信息如有调整，将另行公布。");
        let site = site(g, region);
        let draft = Draft {
            title: format!("{p}{year}年保障性安居工程计划项目信息"),
            body: b.finish(),
            publisher: publisher.clone(),
            site,
            section: "jsjh",
            code: Some(code.clone()),
            entities,
            ..Draft::new("H03", region, day, formed)
        };
        g.emit(draft);
    }
    if g.chance(60) {
        let day = g.later(day, 1, 20);
        let formed = g.formed(Some("H04"), day);
        let total: u32 = projects.iter().map(|p| p.2).sum();
        let one = total * g.range(20, 40) / 100;
        let two = total * g.range(35, 50) / 100;
        let mut b = text::Body::new();
        b.p(format!("{p}{year}年保障性住房计划建设{total}套，户型结构如下："));
        b.p(format!("一室户（建筑面积30—40平方米）{one}套；\n两室户（建筑面积50—60平方米）{two}套；\n三室户（建筑面积70—90平方米）{}套。", total - one - two));
        b.p("保障性租赁住房以建筑面积不超过70平方米的小户型为主，公共租赁住房单套建筑面积控制在60平方米以内，满足基本居住需求。");
        b.opt(format!("涉及项目：{}。", projects.iter().map(|p| p.0.as_str()).collect::<Vec<_>>().join("、")));
        let site = site(g, region);
        let draft = Draft {
            title: format!("{p}{year}年保障性住房计划户型"),
            body: b.finish(),
            publisher,
            site,
            section: "jsjh",
            code: Some(code),
            ..Draft::new("H04", region, day, formed)
        };
        g.emit(draft);
    }
}

/// Planned projects: (name, builder or owner, units).
fn projects(g: &mut Gen, region: u32, n: usize) -> Vec<(String, String, u32)> {
    (0..n)
        .map(|_| {
            let kind = *g.one(&["保障性租赁住房项目", "公共租赁住房项目", "棚户区改造安置房项目", "共有产权房项目"]);
            let name = format!("{}{}{kind}", places::short(region), places::area(&mut g.rng));
            let owner = if g.chance(60) {
                let c = g.company(Kind::Developer, region);
                g.name(c)
            } else {
                format!(
                    "{}{}",
                    places::prefix(region),
                    g.one(&["安居集团有限公司", "城市建设投资集团有限公司", "住房保障中心"])
                )
            };
            (name, owner, g.range(2, 20) * 50)
        })
        .collect()
}

/// Construction progress (H05), started (H06) and completed (H07) projects, facilities (H08).
pub(super) fn progress(g: &mut Gen) {
    let region = if g.chance(8) { places::PROVINCE } else { region(g) };
    let year = 2023 + g.range(0, 3) as i32;
    let month = g.range(3, 11);
    let day = g.early_in_year(year, 1) + chrono::Duration::days((month as i64) * 30 + g.range(0, 15) as i64);
    let day = g.workday_on_or_after(day);
    let p = places::prefix(region);
    let publisher = publisher(region);
    let code = programme_code(region, year);
    let item = if places::is_province(region) {
        "H05"
    } else {
        *g.weighted(&[("H05", 35), ("H06", 25), ("H07", 22), ("H08", 22)])
    };
    // Each report comes out once (progress reports once a month).
    let period = if item == "H05" { month } else { 0 };
    if !g.first_time(format!("{item}{region}-{year}-{period}")) {
        return;
    }
    let formed = g.formed(Some(item), day);
    let mut b = text::Body::new();
    let mut entities = Vec::new();
    let title = match item {
        "H05" => {
            let started = 60.0 + g.rng.f64() * 45.0;
            b.p(format!("截至{year}年{}月底，{p}城镇保障性安居工程建设进展情况如下：", month - 1));
            b.p(format!("保障性租赁住房筹集完成年度计划的{:.1}%；棚户区改造新开工完成{:.1}%，基本建成完成{:.1}%；城镇老旧小区改造开工率{:.1}%。", started.min(112.0), (started * 0.95).min(110.0), started * 0.7, (started * 1.02).min(100.0)));
            b.p(format!("累计完成投资{}。", wan(g.money(5_000.0, 300_000.0))));
            b.opt("下一步，将加强对进度滞后项目的督查调度，确保年度目标任务全面完成。");
            format!("{p}{year}年1—{}月城镇保障性安居工程建设进度", month - 1)
        }
        "H06" | "H07" => {
            let started = item == "H06";
            b.p(format!(
                "现将{p}{year}年保障性安居工程{}项目基本信息公开如下：",
                if started { "已开工" } else { "已竣工" }
            ));
            for (name, owner, units) in projects(g, region, 3) {
                let builder = g.company(Kind::Contractor, region);
                let bname = g.name(builder);
                b.p(format!(
                    "{name}：建设单位{owner}，施工单位{bname}，{units}套，{}时间{year}年{}月。",
                    if started { "开工" } else { "竣工验收" },
                    g.range(1, month)
                ));
                entities.push(bname);
                if owner.ends_with("公司") {
                    entities.push(owner);
                }
            }
            b.p(if started {
                "各项目已办理施工许可，正在进行基础或主体施工。"
            } else {
                "各项目已完成竣工验收备案，具备交付使用条件，将按程序组织分配。"
            });
            format!("{p}{year}年保障性安居工程{}项目基本信息", if started { "已开工" } else { "已竣工" })
        }
        _ => {
            b.p(format!("{p}{year}年保障性安居工程配套基础设施建设情况如下："));
            b.p(format!("新建及改造小区道路{:.1}公里、供水管网{:.1}公里、燃气管网{:.1}公里、供电线路{:.1}公里，新增停车位{}个、充电桩{}个。", 2.0 + g.rng.f64() * 20.0, 1.0 + g.rng.f64() * 12.0, 1.0 + g.rng.f64() * 8.0, 1.0 + g.rng.f64() * 10.0, g.range(200, 3000), g.range(40, 600)));
            b.p(format!(
                "配套建设社区服务中心{}处、幼儿园{}所、养老服务用房{}处，{}。",
                g.range(1, 6),
                g.range(0, 3),
                g.range(1, 5),
                g.one(&["均与住房同步规划、同步建设、同步交付", "部分项目公交线路已开通"])
            ));
            format!("{p}{year}年保障性安居工程配套设施建设情况")
        }
    };
    b.sign(format!("{publisher}\n{}", date_cn(formed.unwrap_or(day))));
    let draft = Draft {
        title,
        body: b.finish(),
        publisher,
        site: site(g, region),
        section: "jsjz",
        code: Some(code),
        entities,
        ..Draft::new(item, region, day, formed)
    };
    g.emit(draft);
}

/// 农村危房改造 (H09–H12): policy, identification of households, subsidies, results.
pub(super) fn rural(g: &mut Gen) {
    let item = *g.weighted(&[("H09", 22), ("H10", 26), ("H11", 26), ("H12", 26)]);
    let region = if (item == "H09" && g.chance(50)) || g.chance(5) {
        places::PROVINCE
    } else {
        places::pick_region(&mut g.rng, Scope::CityOrCounty)
    };
    let year = 2023 + g.range(0, 3) as i32;
    let day = g.early_in_year(year, 300);
    let formed = g.formed(Some(item), day);
    let p = places::prefix(region);
    let publisher = publisher(region);
    let town = places::town(&mut g.rng).replace("街道", "镇");
    let code = g.doc(&format!("{}建村", places::doc_abbr(region)), year);
    let mut b = text::Body::new();
    let mut amount = None;
    let title = match item {
        "H09" => {
            b.p(format!(
                "各{}：",
                if places::is_province(region) {
                    "设区市住房和城乡建设局、财政局、民政局、农业农村局"
                } else {
                    "镇人民政府、街道办事处"
                }
            ));
            b.p(format!("为做好{year}年农村低收入群体等重点对象住房安全保障工作，现就农村危房改造有关事项通知如下："));
            b.p("一、保障对象：农村低保户、农村分散供养特困人员、低保边缘家庭、因病因灾因意外事故等刚性支出较大导致基本生活出现严重困难家庭，以及未享受过农村住房保障政策支持且依靠自身力量无法解决住房安全问题的其他脱贫户。");
            b.p("二、改造方式：C级危房原则上加固改造，D级危房原则上拆除重建，鼓励通过统建农村集体公租房、修缮加固现有闲置公房等方式解决。");
            b.p("三、补助标准：D级危房拆除重建户均补助不低于4万元，C级危房加固改造户均补助不低于1.5万元，省级补助资金按因素法分配。");
            format!("关于做好{year}年农村危房改造工作的通知（{code}）")
        }
        "H10" => {
            b.p(format!("根据《农村危房改造对象认定办法》，经农户申请、村民代表评议、镇审核、县级住房和城乡建设部门组织房屋安全鉴定，现将{town}{year}年农村危房改造对象认定结果公示如下："));
            for _ in 0..g.range(3, 6) {
                let name = g.masked();
                b.p(format!(
                    "{}，{}村，{}，危险等级{}，改造方式：{}",
                    name,
                    places::area(&mut g.rng),
                    g.one(&["农村低保户", "分散供养特困人员", "低保边缘家庭", "防止返贫监测对象"]),
                    g.one(&["C级", "D级"]),
                    g.one(&["原址翻建", "加固改造", "统建集体公租房安置"])
                ));
            }
            b.p("公示期7天。对公示结果有异议的，请向镇人民政府或县住房和城乡建设局反映。");
            format!("{p}{town}{year}年农村危房改造对象认定结果公示")
        }
        "H11" => {
            let total = g.money(80.0, 2_000.0);
            let central = (total * 0.5 / 1000.0).round() * 1000.0;
            b.p(format!("根据省财政厅、省住房和城乡建设厅下达的{year}年农村危房改造补助资金计划，结合各镇（街道）危房改造任务，现将补助资金分配方案公开如下："));
            b.p(format!(
                "一、资金总额：{}，其中中央补助资金{}，省级补助资金{}，县级配套资金{}。",
                wan(total),
                wan(central),
                wan(total * 0.3),
                wan(total - central - total * 0.3)
            ));
            b.p(format!("二、分配方式：按照改造任务量、改造方式等因素分配。D级危房拆除重建户均补助{}万元，C级危房加固改造户均补助{}万元。", g.range(4, 6), g.one(&["1.5", "2", "2.5"])));
            b.p(format!(
                "三、资金拨付：补助资金实行专账管理，通过“一卡通”直接发放至农户账户，竣工验收合格后{}。",
                g.one(&["一次性拨付", "拨付剩余50%"])
            ));
            amount = Some(total);
            format!("{p}{year}年农村危房改造补助资金分配方案")
        }
        _ => {
            let households = g.range(12, 400);
            let year = year - 1;
            b.p(format!("{p}{year}年计划实施农村危房改造{households}户，截至{year}年12月底，已全部开工，竣工{}户，竣工率{:.1}%。", households * 9 / 10, 90.0 + g.rng.f64() * 10.0));
            b.p("竣工农户均已通过镇、县两级验收，房屋结构安全、基本功能齐全，补助资金已足额发放到户。");
            b.p(format!(
                "改造户信息已录入全国农村危房改造信息系统，实行“一户一档”管理。{}",
                g.one(&["", "对验收中发现的问题已督促整改到位。"])
            ));
            format!("{p}{year}年农村危房改造结果公示")
        }
    };
    b.sign(format!("{publisher}\n{}", date_cn(formed.unwrap_or(day))));
    let draft = Draft {
        title,
        body: b.finish(),
        publisher,
        site: site(g, region),
        section: "ncwf",
        code: Some(code),
        amount,
        ..Draft::new(item, region, day, formed)
    };
    g.emit(draft);
}

/// One allocation round: eligible households (H14) → housing offered (H15) → lottery (H17) →
/// result (H18), all under one batch code.
pub(super) fn allocation(g: &mut Gen) {
    let region = region(g);
    let p = places::prefix(region);
    let publisher = publisher(region);
    let kind =
        *g.weighted(&[("公共租赁住房", 55), ("保障性租赁住房", 25), ("共有产权房", 12), ("棚户区改造安置房", 8)]);
    let day = g.start();
    let year = day.year();
    let batch = g.serial(format!("配租{region}{year}"), 3);
    let code = format!(
        "{}-{}-{year}-{batch:02}",
        region,
        match kind {
            "公共租赁住房" => "GZF",
            "保障性租赁住房" => "BZZL",
            "共有产权房" => "GYCQ",
            _ => "PGAZ",
        }
    );
    let estate = format!(
        "{}{}{}",
        places::short(region),
        places::area(&mut g.rng),
        g.one(&["苑", "花园", "佳园", "新村", "家园"])
    );
    let units = g.range(2, 30) * 10;
    let rent = g.range(8, 35);
    let site = site(g, region);
    let verb = if kind == "共有产权房" || kind == "棚户区改造安置房" { "选房" } else { "配租" };
    // Every record of one allocation batch: same publisher, site, section and batch code.
    let batch_draft = |item: &'static str, subject: String, body: String, published, formed| Draft {
        title: format!("{p}{year}年第{batch}批{kind}{subject}"),
        body,
        publisher: publisher.clone(),
        site,
        section: "zffp",
        code: Some(code.clone()),
        ..Draft::new(item, region, published, formed)
    };

    // 分配对象.
    let mut day = day;
    if kind != "棚户区改造安置房" || g.chance(30) {
        let formed = g.formed(Some("H14"), day);
        let mut b = text::Body::new();
        b.p(format!("根据{p}{kind}管理有关规定，经街道（镇）初审、住房保障部门会同相关部门联审，现将{year}年第{batch}批{kind}保障对象审核结果公示如下："));
        for _ in 0..g.range(4, 7) {
            let name = g.masked();
            b.p(format!(
                "{name}，家庭人口{}人，{}，保障方式：{}",
                g.range(1, 4),
                g.one(&["人均月收入低于标准", "新就业无房职工", "外来务工人员", "城镇中等偏下收入住房困难家庭"]),
                g.one(&["实物配租", "实物配租", "租赁补贴"])
            ));
        }
        b.p(format!("公示期为{year}年第{batch}批审核合格家庭共{}户，纳入轮候。公示期5个工作日，对公示对象有异议的，可向{publisher}实名反映，电话{}。", units + g.range(10, 200), places::phone(&mut g.rng, region)));
        g.emit(batch_draft("H14", "保障对象审核结果公示".to_string(), b.finish(), day, formed));
        day = g.later(day, 10, 40);
    }

    // 分配房源.
    {
        let formed = g.formed(Some("H15"), day);
        let mut b = text::Body::new();
        b.p(format!("{p}{year}年第{batch}批{kind}房源信息公告如下："));
        b.p(format!(
            "房源位置：{estate}（{}{}）\n房源数量：{units}套\n户型面积：{}—{}平方米\n{}",
            places::name(region),
            places::road(&mut g.rng),
            g.range(30, 45),
            g.range(55, 90),
            if kind == "共有产权房" {
                format!("销售基准价：{}元/平方米，个人产权份额不低于60%", g.range(6000, 22000))
            } else {
                format!("租金标准：{rent}元/平方米·月（约为同地段市场租金的{}%）", g.range(55, 85))
            }
        ));
        b.p(format!(
            "房屋交付标准：{}。配套设施：小区内设有社区服务用房、停车位及电动车充电设施。",
            g.one(&["简约装修，配备基本家具家电", "全装修交付", "毛坯交付"])
        ));
        b.p(format!(
            "符合条件的轮候家庭请于{}前通过“我的江苏”政务服务平台或现场确认参加{verb}。",
            date_cn(g.later(day, 10, 10))
        ));
        g.emit(batch_draft("H15", format!("房源公告（{estate}）"), b.finish(), day, formed));
    }

    // 摇号过程.
    let lottery = g.later(day, 12, 25);
    if g.chance(70) {
        let published = g.later(lottery, 0, 3);
        let formed = g.formed(Some("H17"), published);
        let mut b = text::Body::new();
        b.p(format!(
            "{p}{year}年第{batch}批{kind}{verb}摇号于{}在{}公开进行。",
            date_cn(lottery),
            g.one(&["市民中心", "政务服务中心一楼大厅", "住房保障服务中心"])
        ));
        b.p(format!("本次参加摇号的家庭共{}户，房源{units}套。摇号采用计算机随机排序方式确定选房顺序号，{}公证处全程公证，纪检监察部门现场监督，并邀请申请家庭代表、人大代表和政协委员现场见证。", units + g.range(10, 150), places::name(places::city(region).code)));
        b.p("摇号全过程进行网络直播，摇号结果当场公布并在政府网站公示。未摇中的家庭继续保留轮候资格，参加下一批次分配。");
        g.emit(batch_draft("H17", format!("{verb}摇号公告"), b.finish(), published, formed));
    }

    // 分配结果.
    let published = g.later(lottery, 5, 20);
    let formed = g.formed(Some("H18"), published);
    let mut b = text::Body::new();
    b.p(format!("{p}{year}年第{batch}批{kind}已完成{verb}，现将分配结果公示如下（部分）："));
    for i in 0..g.range(4, 7) {
        let name = g.masked();
        b.p(format!(
            "{}. {name}，{estate}{}幢{}室，{}平方米",
            i + 1,
            g.range(1, 18),
            g.range(101, 2602),
            g.range(35, 89)
        ));
    }
    b.p(format!("本批次共分配房源{}套。公示期5个工作日，如有异议，请向{publisher}反映。公示无异议的，请于公示期满后10个工作日内签订{}。", units - g.range(0, units / 5), if kind == "共有产权房" { "购房合同" } else { "租赁合同" }));
    g.emit(batch_draft("H18", "分配结果公示".to_string(), b.finish(), published, formed));
}
