//! 政府采购 (T14–T19): procurement projects from intention to contract and acceptance, the
//! province's catalog and thresholds, complaints and supervision, credit and penalties.

use super::names::{self, Kind};
use super::places::{self, Body, Scope, Site};
use super::text::{self, date_cn, datetime_cn, wan, yuan, yuan_upper};
use super::{Award, Draft, Gen};
use chrono::{Datelike, NaiveDate};

/// Who buys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Buyer {
    Hospital,
    School,
    Office,
    CityManagement,
    Environment,
    Market,
    Police,
    Agriculture,
    Disease,
}

/// What is bought: buyer, subject, 货物/服务/工程, supplier kind, budget range in 万元,
/// and the 采购需求 sentence.
struct Subject {
    buyer: Buyer,
    name: &'static str,
    category: &'static str,
    supplier: Kind,
    /// Words a fitting supplier's name contains (any supplier of the kind if empty).
    words: &'static [&'static str],
    lo: f64,
    hi: f64,
    need: &'static str,
    /// Product line for goods (名称, 品牌 options, 型号 prefix), empty for services.
    product: &'static str,
}

#[rustfmt::skip]
const SUBJECTS: &[Subject] = &[
    Subject { buyer: Buyer::Hospital, name: "医疗设备采购项目", category: "货物", supplier: Kind::MedicalDevice, words: &[], lo: 80.0, hi: 1500.0, need: "采购监护仪、呼吸机、输液泵等医疗设备一批，含运输、安装、调试、培训及不少于3年免费质保", product: "多参数监护仪" },
    Subject { buyer: Buyer::Hospital, name: "彩色多普勒超声诊断仪采购项目", category: "货物", supplier: Kind::MedicalDevice, words: &[], lo: 120.0, hi: 600.0, need: "采购高端彩色多普勒超声诊断仪2台，配置心脏、腹部、浅表、腔内探头", product: "彩色多普勒超声诊断仪" },
    Subject { buyer: Buyer::Hospital, name: "64排螺旋CT采购项目", category: "货物", supplier: Kind::MedicalDevice, words: &[], lo: 400.0, hi: 1200.0, need: "采购64排及以上螺旋CT1台，含机房防护改造、安装调试及操作培训", product: "64排螺旋CT" },
    Subject { buyer: Buyer::Hospital, name: "数字化X射线摄影系统（DR）采购项目", category: "货物", supplier: Kind::MedicalDevice, words: &[], lo: 90.0, hi: 300.0, need: "采购双板悬吊式数字化X射线摄影系统1套", product: "数字化X射线摄影系统" },
    Subject { buyer: Buyer::Hospital, name: "血液透析设备采购项目", category: "货物", supplier: Kind::MedicalDevice, words: &[], lo: 60.0, hi: 400.0, need: "采购血液透析机20台及水处理设备1套", product: "血液透析机" },
    Subject { buyer: Buyer::Hospital, name: "物业管理服务项目", category: "服务", supplier: Kind::Service, words: &["物业"], lo: 150.0, hi: 900.0, need: "提供院区保洁、运送、安保、导医及设施设备运行维护等物业管理服务，服务期三年", product: "" },
    Subject { buyer: Buyer::Hospital, name: "医疗废物收集处置服务项目", category: "服务", supplier: Kind::Service, words: &["环保", "环境"], lo: 30.0, hi: 200.0, need: "提供医疗废物的院内收集、暂存、转运及交由有资质单位处置服务", product: "" },
    Subject { buyer: Buyer::Hospital, name: "医院信息系统（HIS）升级改造项目", category: "服务", supplier: Kind::Supplier, words: &["信息", "软件", "数据"], lo: 100.0, hi: 800.0, need: "对医院信息系统进行升级改造，满足电子病历系统应用水平分级评价四级要求", product: "" },
    Subject { buyer: Buyer::Hospital, name: "手术室净化设备采购及安装项目", category: "货物", supplier: Kind::MedicalDevice, words: &[], lo: 150.0, hi: 900.0, need: "采购并安装百级、万级洁净手术室净化设备及配套吊塔、无影灯", product: "手术室净化机组" },
    Subject { buyer: Buyer::School, name: "智慧教室建设项目", category: "货物", supplier: Kind::Supplier, words: &["智能", "科技", "教学", "电子"], lo: 80.0, hi: 600.0, need: "建设智慧教室40间，含交互式智能平板、录播系统及教学管理平台", product: "交互式智能平板" },
    Subject { buyer: Buyer::School, name: "学生课桌椅采购项目", category: "货物", supplier: Kind::Supplier, words: &["家具", "教学"], lo: 20.0, hi: 200.0, need: "采购可升降学生课桌椅1800套，符合GB/T 3976-2014标准", product: "可升降课桌椅" },
    Subject { buyer: Buyer::School, name: "食堂食材配送服务项目", category: "服务", supplier: Kind::Service, words: &["餐饮"], lo: 100.0, hi: 800.0, need: "为学校食堂配送米面粮油、肉禽蛋、蔬菜等食材，服务期一年", product: "" },
    Subject { buyer: Buyer::School, name: "校园安保服务项目", category: "服务", supplier: Kind::Service, words: &["保安"], lo: 40.0, hi: 300.0, need: "提供校园门卫、巡逻、监控值守等安保服务，配备持证保安员不少于12名", product: "" },
    Subject { buyer: Buyer::School, name: "图书采购项目", category: "货物", supplier: Kind::Supplier, words: &["教学", "科技"], lo: 20.0, hi: 150.0, need: "采购中小学图书馆（室）图书约3万册，含加工、编目及上架服务", product: "馆配图书" },
    Subject { buyer: Buyer::School, name: "理化生实验室设备采购项目", category: "货物", supplier: Kind::Supplier, words: &["教学", "科技"], lo: 50.0, hi: 400.0, need: "采购物理、化学、生物实验室设备及通风系统", product: "实验台" },
    Subject { buyer: Buyer::Office, name: "办公家具采购项目", category: "货物", supplier: Kind::Supplier, words: &["家具", "办公"], lo: 20.0, hi: 300.0, need: "采购办公桌椅、文件柜、会议桌等办公家具一批", product: "办公桌椅" },
    Subject { buyer: Buyer::Office, name: "信息化平台建设项目", category: "服务", supplier: Kind::Supplier, words: &["信息", "软件", "数据", "网络"], lo: 100.0, hi: 1500.0, need: "建设业务协同与数据共享平台，完成与省一体化政务服务平台对接", product: "" },
    Subject { buyer: Buyer::Office, name: "网络安全等级保护测评服务项目", category: "服务", supplier: Kind::Supplier, words: &["信息", "软件", "数据", "网络"], lo: 10.0, hi: 80.0, need: "对14个信息系统开展网络安全等级保护测评及风险评估", product: "" },
    Subject { buyer: Buyer::Office, name: "机关物业管理服务项目", category: "服务", supplier: Kind::Service, words: &["物业"], lo: 80.0, hi: 600.0, need: "提供办公楼保洁、秩序维护、会务、绿化养护及设备运维等物业服务", product: "" },
    Subject { buyer: Buyer::Office, name: "公务用车采购项目", category: "货物", supplier: Kind::Supplier, words: &["汽车"], lo: 30.0, hi: 300.0, need: "采购新能源公务用车，符合党政机关公务用车配备标准", product: "新能源轿车" },
    Subject { buyer: Buyer::Office, name: "档案数字化加工服务项目", category: "服务", supplier: Kind::Supplier, words: &["信息", "数据", "软件"], lo: 20.0, hi: 200.0, need: "对馆藏文书档案约120万页进行数字化扫描、图像处理及著录", product: "" },
    Subject { buyer: Buyer::Office, name: "政务云服务采购项目", category: "服务", supplier: Kind::Supplier, words: &["信息", "数据", "网络", "软件"], lo: 100.0, hi: 2000.0, need: "租用政务云计算、存储、网络及安全服务，服务期三年", product: "" },
    Subject { buyer: Buyer::CityManagement, name: "城区道路清扫保洁服务项目", category: "服务", supplier: Kind::Service, words: &["环境卫生", "保洁"], lo: 300.0, hi: 3000.0, need: "负责城区主次干道机械化清扫、人工保洁及垃圾清运，作业面积约260万平方米", product: "" },
    Subject { buyer: Buyer::CityManagement, name: "市政绿化养护服务项目", category: "服务", supplier: Kind::Service, words: &["园林"], lo: 100.0, hi: 1200.0, need: "负责道路绿地、游园的日常养护管理，养护面积约85万平方米", product: "" },
    Subject { buyer: Buyer::CityManagement, name: "生活垃圾分类收运服务项目", category: "服务", supplier: Kind::Service, words: &["环境卫生", "环保", "保洁"], lo: 200.0, hi: 2000.0, need: "负责辖区内生活垃圾分类收集、运输及分类投放点管理", product: "" },
    Subject { buyer: Buyer::Environment, name: "空气质量自动监测站运维服务项目", category: "服务", supplier: Kind::Service, words: &["环保", "检测"], lo: 40.0, hi: 300.0, need: "对辖区内12个空气质量自动监测站开展运行维护及质控", product: "" },
    Subject { buyer: Buyer::Environment, name: "农村生活污水治理设施运维服务项目", category: "服务", supplier: Kind::Supplier, words: &["环境"], lo: 100.0, hi: 1500.0, need: "对已建成的农村生活污水处理设施开展第三方运行维护，涉及站点360个", product: "" },
    Subject { buyer: Buyer::Market, name: "食品安全监督抽检服务项目", category: "服务", supplier: Kind::Service, words: &["检测"], lo: 50.0, hi: 500.0, need: "完成食品安全监督抽检及风险监测3200批次，出具检验报告", product: "" },
    Subject { buyer: Buyer::Police, name: "执法记录仪采购项目", category: "货物", supplier: Kind::Supplier, words: &["电子", "科技", "智能"], lo: 30.0, hi: 300.0, need: "采购4G执法记录仪及采集工作站，与现有管理平台对接", product: "执法记录仪" },
    Subject { buyer: Buyer::Police, name: "交通信号控制系统建设项目", category: "货物", supplier: Kind::Supplier, words: &["智能", "科技", "电子", "网络"], lo: 150.0, hi: 1500.0, need: "新建及改造路口信号控制机86处，建设区域协调控制平台", product: "交通信号控制机" },
    Subject { buyer: Buyer::Agriculture, name: "农村人居环境整治长效管护服务项目", category: "服务", supplier: Kind::Service, words: &["环境卫生", "保洁", "园林"], lo: 50.0, hi: 400.0, need: "对辖区内村庄开展道路保洁、河塘管护、绿化养护等长效管护服务", product: "" },
    Subject { buyer: Buyer::Disease, name: "实验室检测设备采购项目", category: "货物", supplier: Kind::MedicalDevice, words: &[], lo: 50.0, hi: 500.0, need: "采购液相色谱-质谱联用仪、全自动核酸提取仪等检测设备", product: "液相色谱-质谱联用仪" },
];

const HOSPITALS: &[&str] =
    &["人民医院", "中医院", "第一人民医院", "第二人民医院", "妇幼保健院", "第三人民医院", "中西医结合医院"];
const SCHOOLS: &[&str] =
    &["第一中学", "实验小学", "高级中学", "实验初级中学", "中等专业学校", "第二中学", "外国语学校"];
const OFFICES: &[&str] = &[
    "机关事务管理局",
    "数据局",
    "人民法院",
    "人民检察院",
    "人力资源和社会保障局",
    "民政局",
    "文化广电和旅游局",
    "图书馆",
    "档案馆",
    "应急管理局",
    "自然资源和规划局",
    "教育局",
    "政务服务管理办公室",
];

const BRANDS: &[&str] = &[
    "迈瑞",
    "联影",
    "东软",
    "鱼跃",
    "万东",
    "海信",
    "希沃",
    "鸿合",
    "联想",
    "华为",
    "新华三",
    "浪潮",
    "比亚迪",
    "吉利",
];

fn buyer_name(g: &mut Gen, buyer: Buyer, region: u32) -> String {
    let p = places::prefix(region);
    match buyer {
        Buyer::Hospital => format!("{p}{}", g.one(HOSPITALS)),
        Buyer::School if g.chance(30) => format!("{p}{}小学", places::area(&mut g.rng)),
        Buyer::School => format!("{p}{}", g.one(SCHOOLS)),
        Buyer::Office => format!("{p}{}", g.one(OFFICES)),
        Buyer::CityManagement => format!("{p}城市管理局"),
        Buyer::Environment => format!("{p}生态环境局"),
        Buyer::Market => format!("{p}市场监督管理局"),
        Buyer::Police => format!("{p}公安局"),
        Buyer::Agriculture => format!("{p}农业农村局"),
        Buyer::Disease => format!("{p}疾病预防控制中心"),
    }
}

/// Procurement methods: name, notice title, result title, minimum days to the deadline, weight.
struct Method {
    name: &'static str,
    notice: &'static str,
    result: &'static str,
    days: u32,
}

#[rustfmt::skip]
const METHODS: &[(Method, u32)] = &[
    (Method { name: "公开招标", notice: "公开招标公告", result: "中标结果公告", days: 20 }, 56),
    (Method { name: "竞争性磋商", notice: "竞争性磋商公告", result: "成交结果公告", days: 10 }, 22),
    (Method { name: "竞争性谈判", notice: "竞争性谈判公告", result: "成交结果公告", days: 3 }, 5),
    (Method { name: "询价", notice: "询价公告", result: "成交结果公告", days: 3 }, 8),
    (Method { name: "单一来源", notice: "单一来源采购公示", result: "成交结果公告", days: 5 }, 5),
    (Method { name: "邀请招标", notice: "邀请招标资格预审公告", result: "中标结果公告", days: 20 }, 2),
];

/// Where procurement records are published: the procurement website mostly.
fn site(g: &mut Gen) -> (Site, &'static str) {
    *g.weighted(&[((Site::Ccgp, "cgjg"), 55), ((Site::Jsggzy, "003004"), 30), ((Site::CityTrading, "zfcg"), 15)])
}

/// The publisher of a notice: the purchaser, the trading centre or the procurement centre.
fn notice_publisher(g: &mut Gen, region: u32, buyer: &str) -> String {
    match g.range(0, 9) {
        0..=3 => places::org(region, Body::TradingCenter),
        4..=5 if !places::is_district(region) => places::org(region, Body::ProcurementCenter),
        _ => buyer.to_string(),
    }
}

/// One procurement project: (intention) → notice → (correction) → result or failure →
/// contract → (acceptance), all under one `JSZC-<region>-<year>-<n>` code.
pub(super) fn project(g: &mut Gen) {
    let subject = g.one(SUBJECTS);
    let provincial = matches!(subject.buyer, Buyer::Office | Buyer::Disease | Buyer::Police) && g.chance(15);
    let region = if provincial { places::PROVINCE } else { places::pick_region(&mut g.rng, Scope::Local) };
    let buyer = match subject.buyer {
        _ if !provincial => buyer_name(g, subject.buyer, region),
        Buyer::Disease => "江苏省疾病预防控制中心".to_string(),
        Buyer::Police => "江苏省公安厅".to_string(),
        _ => format!("江苏省{}", g.one(&["机关事务管理局", "教育考试院", "数据局", "档案馆", "财政厅", "生态环境厅"])),
    };
    let budget = g.money(subject.lo, subject.hi);
    let mut method = g.weighted(METHODS);
    // Small purchases mostly go by 竞争性磋商 or 询价; 400万元 and above must be tendered.
    if budget < 1_000_000.0 && method.name == "公开招标" && g.chance(60) {
        method = &METHODS[if subject.category == "货物" { 3 } else { 1 }].0;
    } else if budget >= 4_000_000.0 && method.name != "单一来源" {
        method = &METHODS[0].0;
    }
    let agency = g.company(Kind::Agency, region);
    let agency_name = g.name(agency);
    let mut notice_day = g.start();
    let year = notice_day.year();
    let code = format!("JSZC-{region}-{year}-{:05}", g.serial(format!("JSZC-{region}-{year}"), 200));
    // The same buyer buys the same thing again in later years: those titles carry the year.
    let mut title_stem = format!("{buyer}{}", subject.name);
    if !g.first_time(format!("purchase:{title_stem}")) {
        title_stem = format!("{buyer}{year}年{}", subject.name);
        if !g.first_time(format!("purchase:{title_stem}")) {
            title_stem = format!("{buyer}{year}年{}（二次）", subject.name);
        }
    }
    let (site, section) = site(g);
    let publisher = notice_publisher(g, region, &buyer);
    let contact = g.person();
    let agency_contact = g.person();
    let phone = places::phone(&mut g.rng, region);
    let agency_phone = places::phone(&mut g.rng, region);
    let small_business = g.chance(40);
    let n_bidders = if method.name == "单一来源" { 1 } else { g.range(2, 7) as usize };
    let bidders = g.fitting(subject.supplier, subject.words, region, n_bidders);

    // 采购意向 a few months before.
    if g.chance(15) {
        let published = g.later_days(notice_day, 0, 0);
        notice_day = g.later_days(published, 30, 90);
        let formed = g.formed(Some("T15"), published);
        let month = notice_day.month();
        let mut b = text::Body::new();
        b.p(format!("为便于供应商及时了解政府采购信息，根据《财政部关于开展政府采购意向公开工作的通知》（财库〔2020〕10号）等有关规定，现将{buyer}{}年{}月政府采购意向公开如下：", notice_day.year(), month));
        b.p(format!(
            "采购项目名称：{}\n采购需求概况：{}。\n预算金额：{}\n预计采购时间：{}年{}月\n备注：{}",
            subject.name,
            subject.need,
            wan(budget),
            notice_day.year(),
            month,
            if small_business { "本项目专门面向中小企业采购" } else { "无" }
        ));
        b.p("本次公开的采购意向是本单位政府采购工作的初步安排，具体采购项目情况以相关采购公告和采购文件为准。");
        b.sign(format!("{buyer}\n{}", date_cn(published)));
        let draft = Draft {
            title: format!("{buyer}{}年{}月政府采购意向", notice_day.year(), month),
            body: b.finish(),
            publisher: buyer.clone(),
            site,
            section,
            code: Some(code.clone()),
            amount: Some(budget),
            ..Draft::new("T15", region, published, formed)
        };
        g.emit(draft);
    }

    // 采购公告.
    let deadline = g.later_days(notice_day, method.days, method.days + 8);
    let hour = *g.one(&[9u32, 9, 10, 14]);
    let minute = *g.one(&[0u32, 30]);
    {
        let formed = g.formed(Some("T15"), notice_day);
        let mut b = text::Body::new();
        let getting = if site == Site::Ccgp { "江苏政府采购网" } else { "江苏省公共资源交易平台" };
        if method.name == "单一来源" {
            let supplier = bidders[0];
            b.p(format!("{buyer}拟采用单一来源方式采购{}，现将有关情况公示如下。", subject.name));
            b.p(format!(
                "一、项目信息\n项目编号：{code}\n采购人：{buyer}\n预算金额：{}\n拟定供应商：{}",
                wan(budget),
                g.name(supplier)
            ));
            b.p("二、采用单一来源采购方式的原因及说明\n本项目为原有系统的升级扩容，需与原有设备及软件保持一致性和服务配套要求，只能从原供应商处采购，符合《中华人民共和国政府采购法》第三十一条第（二）项规定。");
            b.p(format!("三、专业人员论证意见\n经{}名专业人员论证，同意采用单一来源方式采购。", g.range(3, 5)));
            b.opt("四、公示期限\n自本公告发布之日起5个工作日。任何供应商、单位或者个人对采用单一来源采购方式公示有异议的，可以在公示期内将书面意见反馈给采购人、采购代理机构，并同时抄送同级财政部门。");
            b.p(format!("五、联系方式\n采购人：{buyer}，联系人：{contact}，电话：{phone}\n采购代理机构：{agency_name}，联系人：{agency_contact}，电话：{agency_phone}"));
            let draft = Draft {
                title: format!("{title_stem}{}", method.notice),
                body: b.finish(),
                publisher: publisher.clone(),
                site,
                section,
                code: Some(code.clone()),
                amount: Some(budget),
                entities: vec![g.name(supplier), agency_name.clone()],
                ..Draft::new("T15", region, notice_day, formed)
            };
            g.emit(draft);
        } else {
            b.p(format!(
                "项目概况：{title_stem}的潜在供应商应在{getting}获取采购文件，并于{}（北京时间）前递交响应文件。",
                datetime_cn(deadline, hour, minute)
            ));
            b.p(format!(
                "一、项目基本情况\n项目编号：{code}\n项目名称：{title_stem}\n采购方式：{}\n预算金额：{}\n最高限价：{}\n采购需求：{}。\n合同履行期限：{}\n本项目{}接受联合体投标。",
                method.name,
                wan(budget),
                wan(budget),
                subject.need,
                if subject.category == "服务" { "自合同签订之日起12个月" } else { "合同签订后60日历天内交货并安装调试完毕" },
                if g.chance(85) { "不" } else { "" }
            ));
            b.p(format!(
                "二、申请人的资格要求\n1.满足《中华人民共和国政府采购法》第二十二条规定；\n2.落实政府采购政策需满足的资格要求：{}；\n3.本项目的特定资格要求：{}。",
                if small_business { "本项目专门面向中小企业采购" } else { "无" },
                if subject.supplier == Kind::MedicalDevice { "投标产品属于医疗器械管理的，须具有医疗器械注册证" } else { "无" }
            ));
            b.opt(format!("三、获取采购文件\n时间：{}至{}，每天上午9:00至12:00，下午13:00至17:00（北京时间，法定节假日除外）\n地点：{getting}\n方式：网上下载", date_cn(notice_day), date_cn(g.later(notice_day, 5, 5))));
            b.p(format!(
                "四、提交响应文件截止时间、开启时间和地点\n{}（北京时间）\n地点：{}开标室",
                datetime_cn(deadline, hour, minute),
                places::org(region, Body::TradingCenter)
            ));
            b.opt("五、公告期限\n自本公告发布之日起5个工作日。");
            b.opt("六、其他补充事宜\n本项目落实节约能源、保护环境、扶持不发达地区和少数民族地区、促进中小企业发展等政府采购政策。");
            b.p(format!("七、对本次采购提出询问，请按以下方式联系\n采购人：{buyer}，联系人：{contact}，电话：{phone}\n采购代理机构：{agency_name}，联系人：{agency_contact}，电话：{agency_phone}"));
            let draft = Draft {
                title: format!("{title_stem}{}", method.notice),
                body: b.finish(),
                publisher: publisher.clone(),
                site,
                section,
                code: Some(code.clone()),
                amount: Some(budget),
                entities: vec![agency_name.clone()],
                ..Draft::new("T15", region, notice_day, formed)
            };
            g.emit(draft);
        }
    }

    // 更正公告.
    let mut deadline = deadline;
    if g.chance(10) {
        let published = g.later(notice_day, 2, 6);
        let formed = g.formed(Some("T15"), published);
        let new_deadline = g.later_days(deadline, 7, 14);
        let mut b = text::Body::new();
        b.p(format!(
            "一、项目基本情况\n原公告的采购项目编号：{code}\n原公告的采购项目名称：{title_stem}\n首次公告日期：{}",
            date_cn(notice_day)
        ));
        b.p(format!(
            "二、更正信息\n更正事项：采购文件、采购公告\n更正内容：{}。响应文件提交截止时间及开启时间由{}调整为{}。",
            g.one(&[
                "采购需求中部分技术参数调整，详见更正后的采购文件",
                "评分办法中业绩评分标准调整",
                "补充采购需求清单，调整合同履行期限"
            ]),
            datetime_cn(deadline, hour, minute),
            datetime_cn(new_deadline, hour, minute)
        ));
        b.p(format!("更正日期：{}", date_cn(published)));
        b.p("三、其他补充事宜\n除上述更正内容外，原采购公告其他内容不变。已获取采购文件的供应商请自行下载更正后的采购文件。");
        b.p(format!("四、凡对本次公告内容提出询问，请按以下方式联系\n采购人：{buyer}，联系人：{contact}，电话：{phone}\n采购代理机构：{agency_name}，电话：{agency_phone}"));
        let draft = Draft {
            title: format!("{title_stem}更正公告"),
            body: b.finish(),
            publisher: publisher.clone(),
            site,
            section,
            code: Some(code.clone()),
            entities: vec![agency_name.clone()],
            ..Draft::new("T15", region, published, formed)
        };
        g.emit(draft);
        deadline = new_deadline;
    }

    // 结果公告 (or 废标公告).
    let result_day = g.later(deadline, 1, 6);
    let formed = g.formed(Some("T15"), result_day);
    if (bidders.len() < 3 && method.name == "公开招标") || bidders.is_empty() {
        let mut b = text::Body::new();
        b.p(format!("一、项目编号：{code}\n二、项目名称：{title_stem}"));
        b.p(format!("三、废标（终止）原因\n截至响应文件提交截止时间{}，提交响应文件的供应商不足三家，根据《中华人民共和国政府采购法》第三十六条第一款第（一）项规定，本项目予以废标。采购人将依法重新组织采购。", datetime_cn(deadline, hour, minute)));
        b.p("四、其他补充事宜\n已缴纳投标保证金的供应商，保证金将在本公告发布之日起5个工作日内无息退还。");
        b.p(format!("五、联系方式\n采购人：{buyer}，联系人：{contact}，电话：{phone}\n采购代理机构：{agency_name}，联系人：{agency_contact}，电话：{agency_phone}"));
        let draft = Draft {
            title: format!("{title_stem}废标公告"),
            body: b.finish(),
            publisher: publisher.clone(),
            site,
            section,
            code: Some(code),
            entities: vec![agency_name],
            ..Draft::new("T15", region, result_day, formed)
        };
        g.emit(draft);
        return;
    }
    let winner = bidders[0];
    let winner_name = g.name(winner);
    let price = g.bid(budget, 0.82, 0.995);
    let experts: Vec<String> = (0..if budget > 4_000_000.0 { 7 } else { 5 }).map(|_| g.person()).collect();
    let mut b = text::Body::new();
    b.p(format!("一、项目编号：{code}\n二、项目名称：{title_stem}"));
    b.p(format!(
        "三、中标（成交）信息\n供应商名称：{winner_name}\n供应商地址：{}{}{}号\n中标（成交）金额：{}（{}）",
        places::name(g.co(winner).city),
        places::road(&mut g.rng),
        g.range(1, 399),
        yuan(price),
        wan(price)
    ));
    if subject.product.is_empty() {
        b.p(format!("四、主要标的信息\n服务类\n名称：{}\n服务范围：{}\n服务要求：详见采购文件\n服务时间：{}\n服务标准：符合国家及行业相关标准", subject.name.trim_end_matches("项目"), subject.need, "自合同签订之日起12个月"));
    } else {
        let qty = g.range(1, 30);
        b.p(format!(
            "四、主要标的信息\n货物类\n名称：{}\n品牌：{}\n规格型号：{}-{}\n数量：{qty}\n单价：{}",
            subject.product,
            g.one(BRANDS),
            g.one(&["Resona", "DC", "uMI", "ThinkCentre", "iX", "S", "HX"]),
            g.range(100, 980),
            yuan((price / qty as f64).round())
        ));
    }
    b.p(format!("五、评审专家（单一来源采购人员）名单：\n{}（采购人代表）", experts.join("、")));
    b.opt(format!("六、代理服务收费标准及金额：\n参照原国家计委计价格〔2002〕1980号文件规定的收费标准由中标（成交）供应商支付，收费金额：{}", yuan((price * 0.012).round())));
    b.opt("七、公告期限\n自本公告发布之日起1个工作日。");
    let mut entities = vec![winner_name.clone()];
    if bidders.len() > 1 {
        let mut scores = Vec::new();
        let mut top = 92.0 + g.rng.f64() * 6.0;
        for &i in &bidders {
            scores.push(format!("{}{:.2}分", g.name(i), top));
            top -= 1.0 + g.rng.f64() * 6.0;
            entities.push(g.name(i));
        }
        b.opt(format!(
            "八、其他补充事宜\n本项目共有{}家供应商递交响应文件，评审得分情况：{}。",
            bidders.len(),
            scores.join("；")
        ));
    }
    b.p(format!("九、凡对本次公告内容提出询问，请按以下方式联系\n采购人：{buyer}，联系人：{contact}，电话：{phone}\n采购代理机构：{agency_name}，联系人：{agency_contact}，电话：{agency_phone}"));
    entities.push(agency_name.clone());
    let result_title = if g.chance(50) {
        format!("{title_stem}中标（成交）结果公告")
    } else {
        format!("{title_stem}{}", method.result)
    };
    let draft = Draft {
        title: result_title,
        body: b.finish(),
        publisher: publisher.clone(),
        site,
        section,
        code: Some(code.clone()),
        amount: Some(price),
        entities,
        ..Draft::new("T15", region, result_day, formed)
    };
    g.emit(draft);
    g.purchases.push(Award {
        company: winner,
        manager: None,
        owner: buyer.clone(),
        project: title_stem.clone(),
        code: code.clone(),
        region,
        amount: price,
        date: result_day,
    });

    // 合同公告: signed within 30 days of the award notice, published within 2 working days.
    if !g.chance(82) {
        return;
    }
    let signed = g.later(result_day, 3, 18);
    let published = g.later(signed, 1, 2);
    let formed = if g.chance(93) { Some(signed) } else { g.formed(Some("T16"), published) };
    let contract_no = format!("{}-HT-{:03}", code, g.range(1, 3));
    let mut b = text::Body::new();
    b.p(format!(
        "一、合同编号：{contract_no}\n二、合同名称：{title_stem}合同\n三、项目编号：{code}\n四、项目名称：{title_stem}"
    ));
    let winner_city = g.co(winner).city;
    let winner_phone = places::phone(&mut g.rng, winner_city);
    b.p(format!("五、合同主体\n采购人（甲方）：{buyer}\n联系方式：{phone}\n供应商（乙方）：{winner_name}\n联系方式：{winner_phone}"));
    b.p(format!(
        "六、合同主要信息\n主要标的名称：{}\n规格型号（或服务要求）：详见合同附件\n主要标的数量：1（项）\n合同金额：{}（{}）\n履约期限、地点等简要信息：{}，{}\n采购方式：{}",
        if subject.product.is_empty() { subject.name.trim_end_matches("项目") } else { subject.product },
        yuan(price),
        yuan_upper(price),
        if subject.category == "服务" { "服务期12个月" } else { "合同签订后60日历天内交货" },
        buyer,
        method.name
    ));
    b.p(format!("七、合同签订日期：{}\n八、合同公告日期：{}", date_cn(signed), date_cn(published)));
    b.opt("九、其他补充事宜：本合同依据采购文件、中标（成交）供应商的响应文件及中标（成交）通知书订立，合同文本详见附件。");
    let draft = Draft {
        title: if g.chance(70) {
            format!("{title_stem}政府采购合同公告")
        } else {
            format!("{title_stem}合同公示")
        },
        body: b.finish(),
        publisher: buyer.clone(),
        site,
        section,
        code: Some(code.clone()),
        amount: Some(price),
        entities: vec![winner_name.clone()],
        ..Draft::new("T16", region, published, formed)
    };
    g.emit(draft);

    // 履约验收.
    if g.chance(15) {
        let accepted = g.later_days(signed, 60, 200);
        let published = g.later(accepted, 1, 5);
        let formed = g.formed(Some("T16"), published);
        let mut b = text::Body::new();
        b.p(format!("一、合同编号：{contract_no}\n二、项目名称：{title_stem}\n三、项目编号：{code}"));
        b.p(format!("四、供应商名称：{winner_name}\n五、合同金额：{}", yuan(price)));
        b.p(format!(
            "六、验收情况\n验收日期：{}\n验收组成员：{}\n验收结论：{}",
            date_cn(accepted),
            (0..3).map(|_| g.person()).collect::<Vec<_>>().join("、"),
            g.one(&[
                "合格，供应商已按合同约定完成供货、安装及调试，各项技术指标满足合同要求。",
                "合格，服务质量符合合同约定的服务标准。",
                "合格，采购人已组织专家对履约情况进行现场核验。"
            ])
        ));
        b.p(format!("七、联系方式\n采购人：{buyer}，联系人：{contact}，电话：{phone}"));
        let draft = Draft {
            title: format!("{title_stem}履约验收结果公告"),
            body: b.finish(),
            publisher: buyer,
            site,
            section,
            code: Some(code),
            amount: Some(price),
            entities: vec![winner_name],
            ..Draft::new("T16", region, published, formed)
        };
        g.emit(draft);
    }
}

/// 集中采购目录、政府采购限额标准和公开招标数额标准 (T14): the province's finance department.
pub(super) fn standards(g: &mut Gen) {
    let published = g.start();
    let year = published.year();
    let formed = g.formed(Some("T14"), published);
    let doc = g.doc("苏财购", year);
    let next = if published.month() >= 10 { year + 1 } else { year };
    let (title, body) = match g.range(0, 3) {
        0 => (
            format!("江苏省财政厅关于印发《江苏省政府集中采购目录及标准（{next}年版）》的通知"),
            vec![
                format!("各设区市、县（市、区）财政局，省各部门：\n为进一步规范政府采购行为，根据《中华人民共和国政府采购法》及其实施条例，我厅制定了《江苏省政府集中采购目录及标准（{next}年版）》，现印发给你们，请遵照执行。"),
                "一、集中采购机构采购项目\n省级集中采购目录包括台式计算机、便携式计算机、打印设备、复印纸、空调机、公务用车及车辆维修保养、机动车保险、云计算服务等品目，各部门须委托集中采购机构采购。".to_string(),
                "二、分散采购限额标准\n除集中采购机构采购项目外，省级各单位单项或批量金额达到100万元以上的货物和服务项目、120万元以上的工程项目，应按规定实行分散采购。".to_string(),
                "三、公开招标数额标准\n政府采购货物或服务项目，单项采购金额达到400万元以上的，必须采用公开招标方式。政府采购工程以及与工程建设有关的货物、服务公开招标数额标准按照国务院有关规定执行。".to_string(),
                format!("四、本目录及标准自{next}年1月1日起执行，由江苏省财政厅负责解释。"),
            ],
        ),
        1 => (
            format!("关于调整江苏省政府采购限额标准和公开招标数额标准的通知（{doc}）"),
            vec![
                "各设区市、县（市、区）财政局，省各部门：\n为贯彻落实政府采购制度改革要求，进一步提高政府采购效率，经省政府同意，现就调整我省政府采购限额标准和公开招标数额标准有关事项通知如下：".to_string(),
                "一、政府采购限额标准：省、市、县三级统一为货物和服务项目100万元、工程项目120万元。".to_string(),
                "二、公开招标数额标准：政府采购货物和服务项目公开招标数额标准为400万元。".to_string(),
                "三、各地、各部门不得另行制定限额标准和公开招标数额标准。未达到限额标准的采购活动，由采购人依法自行组织，并加强内部控制管理。".to_string(),
            ],
        ),
        2 => (
            format!("江苏省财政厅关于做好{next}年政府采购意向公开工作的通知"),
            vec![
                "各设区市、县（市、区）财政局，省各部门：".to_string(),
                format!("为提高政府采购透明度，方便供应商提前了解政府采购信息，现就{next}年政府采购意向公开工作通知如下："),
                "一、采购意向按采购项目公开，除以协议供货、定点采购方式实施的小额零星采购和由集中采购机构统一组织的批量集中采购外，按项目实施的集中采购目录以内或者采购限额标准以上的货物、工程、服务采购均应当公开采购意向。".to_string(),
                "二、采购意向由预算单位定期或者不定期公开，公开时间应当尽量提前，原则上不得晚于采购活动开始前30日公开。".to_string(),
                "三、采购意向统一在江苏政府采购网“采购意向”专栏公开。".to_string(),
            ],
        ),
        _ => (
            format!("江苏省财政厅关于进一步加大政府采购支持中小企业力度的通知（{doc}）"),
            vec![
                "各设区市、县（市、区）财政局，省各部门：".to_string(),
                "为落实《政府采购促进中小企业发展管理办法》（财库〔2020〕46号），现就进一步加大政府采购支持中小企业力度有关事项通知如下：".to_string(),
                "一、400万元以下的货物和服务采购项目、400万元以下的工程采购项目，适宜由中小企业提供的，采购人应当专门面向中小企业采购。".to_string(),
                "二、超过400万元的货物和服务采购项目中适宜由中小企业提供的，预留该部分采购项目预算总额的40%以上专门面向中小企业采购，其中预留给小微企业的比例不低于70%。".to_string(),
                "三、对未预留份额专门面向中小企业采购的货物和服务项目，价格扣除比例为10%—20%。".to_string(),
            ],
        ),
    };
    let mut b = text::Body::new();
    for p in body {
        b.p(p);
    }
    b.sign(format!("江苏省财政厅\n{}", date_cn(formed.unwrap_or(published))));
    let site = *g.one(&[Site::ProvFinance, Site::Ccgp]);
    let draft = Draft {
        title,
        body: b.finish(),
        publisher: "江苏省财政厅".into(),
        site,
        section: "tzgg",
        code: Some(doc),
        ..Draft::new("T14", places::PROVINCE, published, formed)
    };
    g.emit(draft);
}

/// 投诉处理决定、监督检查及考核结果 (T17).
pub(super) fn supervision(g: &mut Gen) {
    let recalled = g.recall_purchase();
    if let (Some(award), true) = (recalled, g.chance(65)) {
        // A complaint about a real award.
        let region = award.region;
        let finance = places::org(region, Body::Finance);
        let published = g.after(Some(award.date), 10, 50);
        let formed = g.formed(Some("T17"), published);
        let year = published.year();
        let doc = g.doc(&format!("{}财购决", places::doc_abbr(region)), year);
        let kind = g.co(award.company).kind;
        let business = names::business(&g.co(award.company).name).to_string();
        let complainant = g
            .fitting(kind, &[business.as_str()], region, 2)
            .into_iter()
            .find(|&c| c != award.company)
            .unwrap_or(award.company);
        let c_name = g.name(complainant);
        let w_name = g.name(award.company);
        let upheld = g.chance(25);
        let mut b = text::Body::new();
        b.p(format!(
            "投诉人：{c_name}\n法定代表人：{}\n被投诉人：{}及其委托的采购代理机构\n相关供应商：{w_name}",
            g.co(complainant).legal_rep,
            award.owner
        ));
        b.p(format!(
            "投诉人因对{}（项目编号：{}）的采购结果不满，向本机关提起投诉。投诉事项：{}。",
            award.project,
            award.code,
            g.one(&[
                "中标供应商提供的业绩证明材料不真实",
                "评审委员会未按照采购文件规定的评分标准进行评审",
                "采购文件设置的技术参数具有倾向性、排斥潜在供应商",
                "中标供应商的投标产品不满足采购文件实质性要求"
            ])
        ));
        if upheld {
            b.p("本机关经调取采购文件、响应文件及评审资料，组织原评审委员会复核，查明投诉事项成立，且影响采购结果。依据《政府采购质疑和投诉办法》（财政部令第94号）第三十二条规定，决定如下：认定中标（成交）结果无效，责令采购人重新开展采购活动。");
        } else {
            b.p("本机关经审查采购文件、响应文件、评审报告并听取当事人陈述，认为投诉人的投诉事项缺乏事实依据。依据《政府采购质疑和投诉办法》（财政部令第94号）第二十九条第（二）项规定，决定如下：驳回投诉。");
        }
        b.p(format!("投诉人如对本决定不服，可以在收到本决定书之日起60日内向{}申请行政复议，或者在6个月内向人民法院提起行政诉讼。", places::org(region, Body::GovOffice).replace("办公厅", "").replace("办公室", "")));
        b.sign(format!("{finance}\n{}", date_cn(formed.unwrap_or(published))));
        let draft = Draft {
            title: if g.chance(50) {
                format!("{finance}政府采购投诉处理决定书（{doc}）")
            } else {
                format!("关于{}投诉处理结果的公告", award.project)
            },
            body: b.finish(),
            publisher: finance,
            site: Site::Ccgp,
            section: "tscl",
            code: Some(award.code.clone()),
            amount: None,
            entities: vec![c_name, w_name],
            ..Draft::new("T17", region, published, formed)
        };
        g.emit(draft);
        return;
    }
    // 代理机构监督检查 / 集中采购机构考核.
    let region = places::pick_region(&mut g.rng, Scope::City);
    let finance = places::org(region, Body::Finance);
    let published = g.start();
    let formed = g.formed(Some("T17"), published);
    let year = published.year() - i32::from(published.month() < 7);
    let agencies = g.companies(Kind::Agency, region, 4);
    let mut b = text::Body::new();
    let title;
    if g.chance(60) {
        title = format!("{finance}关于{year}年度政府采购代理机构监督检查结果的公告");
        b.p(format!("根据《政府采购代理机构管理暂行办法》（财库〔2018〕2号）和{year}年度政府采购监督检查工作安排，我局对在本市执业的政府采购代理机构开展了监督检查，现将检查结果公告如下："));
        let issues = [
            "未按规定时间发布中标（成交）结果公告",
            "评审专家抽取及签到记录不完整",
            "采购文件设置了与项目特点无关的资格条件",
            "未按规定退还投标保证金",
            "采购档案保存不完整",
        ];
        for (i, &a) in agencies.iter().enumerate() {
            let issue = issues[(i + g.rng.usize(..5)) % issues.len()];
            b.p(format!("{}. {}：存在{}等问题，处理意见：责令限期改正。", i + 1, g.name(a), issue));
        }
        b.opt("上述代理机构应于收到处理意见之日起30日内完成整改，并将整改情况书面报送我局。");
    } else {
        title = format!("{finance}关于{year}年度集中采购机构考核结果的通报");
        b.p(format!("根据《中华人民共和国政府采购法》第六十六条及《集中采购机构监督考核管理办法》，我局会同有关部门对{}{year}年度的采购价格、节约资金效果、服务质量、信誉状况及有无违法行为等进行了考核。", places::org(region, Body::ProcurementCenter)));
        b.p(format!("考核结果：综合得分{:.1}分，考核等次为“{}”。全年组织实施采购项目{}个，采购预算{}，实际采购金额{}，节约资金率{:.2}%。", 85.0 + g.rng.f64() * 12.0, g.one(&["优秀", "良好"]), g.range(300, 1800), wan(g.money(50000.0, 400000.0)), wan(g.money(45000.0, 380000.0)), 3.0 + g.rng.f64() * 6.0));
        b.p("存在的问题：部分项目采购需求论证不充分，履约验收管理有待加强。请集中采购机构针对考核中发现的问题认真整改。");
    }
    b.sign(format!("{finance}\n{}", date_cn(formed.unwrap_or(published))));
    let entities = agencies.iter().map(|&a| g.name(a)).collect();
    let draft = Draft {
        title,
        body: b.finish(),
        publisher: finance,
        site: *g.one(&[Site::Ccgp, Site::CityGov]),
        section: "jdjc",
        code: Some(g.doc(&format!("{}财购", places::doc_abbr(region)), published.year())),
        entities,
        ..Draft::new("T17", region, published, formed)
    };
    g.emit(draft);
}

/// Offences that get suppliers listed and penalised.
const OFFENCES: &[(&str, &str)] = &[
    ("提供虚假材料谋取中标、成交", "第七十七条第一款第（一）项"),
    ("与其他供应商恶意串通", "第七十七条第一款第（三）项"),
    ("中标后无正当理由拒不与采购人签订政府采购合同", "实施条例第七十二条第一款第（二）项"),
    ("向采购代理机构行贿或者提供其他不正当利益", "第七十七条第一款第（四）项"),
    ("在招标采购过程中与采购人进行协商谈判", "第七十七条第一款第（五）项"),
];

fn offender(g: &mut Gen, recalled: &Option<Award>, region: u32) -> (usize, String, String) {
    match recalled {
        Some(a) => (a.company, a.project.clone(), a.code.clone()),
        None => {
            let c = g.company(Kind::Supplier, region);
            let year = 2023 + g.range(0, 3);
            let code = format!("JSZC-{region}-{year}-{:05}", g.serial(format!("JSZC-{region}-{year}"), 200));
            (c, format!("{}信息化设备采购项目", places::prefix(region)), code)
        }
    }
}

/// 政府采购严重违法失信行为记录名单 and credit repair (T18).
pub(super) fn credit(g: &mut Gen) {
    let recalled = g.recall_purchase();
    let region = recalled.as_ref().map(|a| a.region).unwrap_or_else(|| places::pick_region(&mut g.rng, Scope::Local));
    let (company, project, code) = offender(g, &recalled, region);
    let finance = places::org(region, Body::Finance);
    let published = g.after(recalled.as_ref().map(|a| a.date), 30, 500);
    let formed = g.formed(Some("T18"), published);
    let (offence, article) = *g.one(OFFENCES);
    let c = g.co(company).clone();
    let decided = formed.unwrap_or(published);
    let until = decided.with_year(decided.year() + 1).unwrap_or(decided);
    let mut b = text::Body::new();
    let title = if g.chance(75) {
        b.p(format!("根据《中华人民共和国政府采购法》及其实施条例有关规定，现将{}列入政府采购严重违法失信行为记录名单，有关情况公告如下：", c.name));
        b.p(format!(
            "企业名称：{}\n统一社会信用代码：{}\n法定代表人：{}\n企业地址：{}{}{}号",
            c.name,
            c.credit_code,
            c.legal_rep,
            places::name(c.city),
            places::road(&mut g.rng),
            g.range(1, 300)
        ));
        b.p(format!("严重违法失信行为的具体情形：在{project}（项目编号：{code}）中{offence}。"));
        b.p(format!("处罚结果：处以采购金额千分之五的罚款，列入不良行为记录名单，在一年内禁止参加政府采购活动。\n处罚依据：《中华人民共和国政府采购法》{article}\n禁止参加政府采购活动期限：{}至{}", date_cn(decided), date_cn(until)));
        b.opt("依据国家发展改革委等部门《关于对政府采购领域严重违法失信主体开展联合惩戒的合作备忘录》，相关单位将对该失信主体实施失信联合惩戒。");
        b.p(format!("记录日期：{}\n执法单位：{finance}", date_cn(decided)));
        format!("关于将{}列入政府采购严重违法失信行为记录名单的公告", c.name)
    } else {
        b.p(format!("{}因{offence}被列入政府采购严重违法失信行为记录名单，禁止参加政府采购活动期限已届满。", c.name));
        b.p("该企业已履行行政处罚决定规定的义务，主动纠正失信行为，提交了信用修复申请书、守信承诺书，并参加了信用修复专题培训。经审核，符合《失信行为纠正后的信用信息修复管理办法（试行）》规定的信用修复条件。");
        b.p(format!(
            "企业名称：{}\n统一社会信用代码：{}\n原失信信息：{project}（项目编号：{code}）",
            c.name, c.credit_code
        ));
        b.p("现予以信用修复，自本公告发布之日起停止公示其失信信息，并同步推送至信用中国（江苏）网站。");
        format!("关于{}信用修复结果的公示", c.name)
    };
    b.sign(format!("{finance}\n{}", date_cn(decided)));
    let draft = Draft {
        title,
        body: b.finish(),
        publisher: finance,
        site: *g.one(&[Site::Credit, Site::Ccgp]),
        section: "sxjl",
        code: Some(g.doc(&format!("{}财购罚", places::doc_abbr(region)), decided.year())),
        entities: vec![c.name, c.legal_rep],
        ..Draft::new("T18", region, published, formed)
    };
    g.emit(draft);
}

/// 行政处罚决定书 against suppliers (T19).
pub(super) fn penalty(g: &mut Gen) {
    let recalled = g.recall_purchase();
    let region = recalled.as_ref().map(|a| a.region).unwrap_or_else(|| places::pick_region(&mut g.rng, Scope::Local));
    let (company, project, code) = offender(g, &recalled, region);
    let amount = recalled.as_ref().map(|a| a.amount).unwrap_or_else(|| g.money(50.0, 800.0));
    let finance = places::org(region, Body::Finance);
    let published = g.after(recalled.as_ref().map(|a| a.date), 20, 400);
    let formed = g.formed(Some("T19"), published);
    let decided = formed.unwrap_or(published);
    let doc = g.doc(&format!("{}财购罚", places::doc_abbr(region)), decided.year());
    let (offence, article) = *g.one(OFFENCES);
    let c = g.co(company).clone();
    let fine = (amount * 0.005).round().max(1000.0);
    let evidence = g.one(&["业绩合同及中标通知书", "第三方检测报告", "社会保障资金缴纳证明", "产品授权书"]);
    let mut b = text::Body::new();
    b.p(format!("当事人：{}\n统一社会信用代码：{}\n法定代表人：{}", c.name, c.credit_code, c.legal_rep));
    b.p(format!("经查，你单位在{project}（项目编号：{code}）采购活动中{offence}，提交的{evidence}经核实与事实不符。上述事实有采购文件、响应文件、相关单位出具的证明及调查询问笔录等证据证实。"));
    b.p(format!(
        "我局于{}向你单位送达了《行政处罚事先告知书》，你单位在法定期限内{}。",
        date_cn(sub_days(decided, 20)),
        g.one(&["未提出陈述、申辩意见", "提出了陈述、申辩意见，经复核不予采纳", "未要求举行听证"])
    ));
    b.p(format!("依据《中华人民共和国政府采购法》{article}规定，我局决定：1.处以采购金额千分之五的罚款，计{}；2.列入不良行为记录名单，一年内禁止参加政府采购活动。", yuan(fine)));
    b.opt("请你单位自收到本决定书之日起十五日内将罚款缴至指定银行。逾期不缴纳的，每日按罚款数额的百分之三加处罚款。");
    b.p("如不服本处罚决定，可在收到本决定书之日起六十日内申请行政复议，或者在六个月内向人民法院提起行政诉讼。");
    b.sign(format!("{finance}\n{}", date_cn(decided)));
    let title = if g.chance(50) {
        format!("{finance}行政处罚决定书（{doc}）")
    } else {
        format!("关于对{}的行政处罚决定", c.name)
    };
    let draft = Draft {
        title,
        body: b.finish(),
        publisher: finance,
        site: *g.one(&[Site::Ccgp, Site::Credit, Site::CityGov]),
        section: "xzcf",
        code: Some(doc),
        amount: Some(fine),
        entities: vec![c.name, c.legal_rep],
        ..Draft::new("T19", region, published, formed)
    };
    g.emit(draft);
}

fn sub_days(d: NaiveDate, n: i64) -> NaiveDate {
    d - chrono::Duration::days(n)
}
