//! Where records come from: Jiangsu divisions, the bodies that publish (公开主体) named after
//! them, the websites (信息来源) and links, document-number prefixes and local place names.

use chrono::{Datelike, NaiveDate};
use fastrand::Rng;
use gongkai_core::regions::{self, Level, Region};

/// What we need to know about each prefecture-level city.
#[derive(Debug, Clone, Copy)]
pub struct City {
    /// GB/T 2260 code.
    pub code: u32,
    /// One-character abbreviation used in document numbers (宁, 锡, 苏…).
    pub abbr: &'static str,
    /// The host name part of its government websites.
    pub slug: &'static str,
    /// Telephone area code.
    pub area: &'static str,
    /// Relative weight when drawing a division (population and trading volume).
    pub weight: u32,
}

/// The 13 prefecture-level cities.
#[rustfmt::skip]
pub const CITIES: [City; 13] = [
    City { code: 320100, abbr: "宁", slug: "nanjing", area: "025", weight: 14 },
    City { code: 320200, abbr: "锡", slug: "wuxi", area: "0510", weight: 10 },
    City { code: 320300, abbr: "徐", slug: "xz", area: "0516", weight: 8 },
    City { code: 320400, abbr: "常", slug: "changzhou", area: "0519", weight: 8 },
    City { code: 320500, abbr: "苏", slug: "suzhou", area: "0512", weight: 15 },
    City { code: 320600, abbr: "通", slug: "nantong", area: "0513", weight: 9 },
    City { code: 320700, abbr: "连", slug: "lyg", area: "0518", weight: 5 },
    City { code: 320800, abbr: "淮", slug: "huaian", area: "0517", weight: 5 },
    City { code: 320900, abbr: "盐", slug: "yancheng", area: "0515", weight: 7 },
    City { code: 321000, abbr: "扬", slug: "yangzhou", area: "0514", weight: 6 },
    City { code: 321100, abbr: "镇", slug: "zhenjiang", area: "0511", weight: 5 },
    City { code: 321200, abbr: "泰", slug: "taizhou", area: "0523", weight: 6 },
    City { code: 321300, abbr: "宿", slug: "suqian", area: "0527", weight: 5 },
];

/// The province's code.
pub const PROVINCE: u32 = 320000;

/// The city record of a division (the province maps to Nanjing, its capital).
pub fn city(code: u32) -> &'static City {
    let c = regions::city_of(code).map(|r| r.code).unwrap_or(320100);
    CITIES.iter().find(|x| x.code == c).unwrap_or(&CITIES[0])
}

fn region(code: u32) -> &'static Region {
    regions::get(code).unwrap_or(&regions::all()[0])
}

/// Which divisions a kind of record comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Any city, district or county.
    Local,
    /// Cities and county-level cities and counties (not districts).
    CityOrCounty,
    /// The 13 cities only.
    City,
}

/// Draws a division of `scope`, weighted by the size of its city.
pub fn pick_region(rng: &mut Rng, scope: Scope) -> u32 {
    let total: u32 = CITIES.iter().map(|c| c.weight).sum();
    let mut x = rng.u32(..total);
    let mut chosen = &CITIES[0];
    for c in &CITIES {
        if x < c.weight {
            chosen = c;
            break;
        }
        x -= c.weight;
    }
    if scope == Scope::City || rng.u8(..100) < 35 {
        return chosen.code;
    }
    let children: Vec<&Region> =
        regions::children(chosen.code).filter(|r| scope == Scope::Local || r.level != Level::District).collect();
    if children.is_empty() {
        return chosen.code;
    }
    children[rng.usize(..children.len())].code
}

/// The name a body of this division starts with: `江苏省`, `苏州市`, `南京市江宁区`, `昆山市`.
pub fn prefix(code: u32) -> String {
    let r = region(code);
    match r.level {
        Level::Province | Level::City | Level::CountyCity | Level::County => r.name.to_string(),
        Level::District => format!("{}{}", regions::city_of(code).map(|c| c.name).unwrap_or(""), r.name),
    }
}

/// The division's own name (`江宁区`, `昆山市`, `苏州市`, `江苏省`).
pub fn name(code: u32) -> &'static str {
    region(code).name
}

/// The short name people type (`江宁`, `昆山`).
pub fn short(code: u32) -> &'static str {
    region(code).short_name
}

/// Whether the division is the province.
pub fn is_province(code: u32) -> bool {
    code == PROVINCE
}

/// Whether the division is a district of a city.
pub fn is_district(code: u32) -> bool {
    region(code).level == Level::District
}

/// Kinds of public bodies that publish records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// 人民政府办公厅/办公室.
    GovOffice,
    /// 公共资源交易中心.
    TradingCenter,
    /// 政府采购中心 (cities and province).
    ProcurementCenter,
    /// 住房和城乡建设厅/局.
    Housing,
    /// 住房保障主管部门 (住房保障和房产局 in Nanjing).
    HousingSecurity,
    /// 交通运输厅/局.
    Transport,
    /// 水利厅 / 水务局.
    Water,
    /// 发展和改革委员会/局.
    Development,
    /// 行政审批局.
    Approval,
    /// 自然资源厅 / 自然资源和规划局.
    NaturalResources,
    /// 财政厅/局.
    Finance,
    /// 国有资产监督管理委员会.
    Sasac,
    /// 卫生健康委员会.
    Health,
    /// 医疗保障局.
    MedicalInsurance,
    /// 政务服务管理办公室.
    GovServices,
}

/// The full name of the `body` of division `code`, e.g. `南京市江宁区住房和城乡建设局`.
pub fn org(code: u32, body: Body) -> String {
    let r = region(code);
    let p = prefix(code);
    let province = r.level == Level::Province;
    let city = r.level == Level::City;
    let district = r.level == Level::District;
    match body {
        Body::GovOffice if province => "江苏省人民政府办公厅".into(),
        Body::GovOffice => format!("{p}人民政府办公室"),
        Body::TradingCenter if district => {
            let c = regions::city_of(code).map(|c| c.name).unwrap_or("");
            format!("{c}公共资源交易中心{}分中心", r.short_name)
        }
        Body::TradingCenter => format!("{p}公共资源交易中心"),
        Body::ProcurementCenter if province => "江苏省政府采购中心".into(),
        Body::ProcurementCenter if city => format!("{p}政府采购中心"),
        Body::ProcurementCenter => org(code, Body::TradingCenter),
        Body::Housing if province => "江苏省住房和城乡建设厅".into(),
        Body::Housing => format!("{p}住房和城乡建设局"),
        Body::HousingSecurity if code == 320100 => "南京市住房保障和房产局".into(),
        Body::HousingSecurity => org(code, Body::Housing),
        Body::Transport if province => "江苏省交通运输厅".into(),
        Body::Transport => format!("{p}交通运输局"),
        Body::Water if province => "江苏省水利厅".into(),
        Body::Water => format!("{p}水务局"),
        Body::Development if province || city => format!("{p}发展和改革委员会"),
        Body::Development => format!("{p}发展和改革局"),
        Body::Approval if province => "江苏省发展和改革委员会".into(),
        Body::Approval => format!("{p}行政审批局"),
        Body::NaturalResources if province => "江苏省自然资源厅".into(),
        Body::NaturalResources if code == 320100 => "南京市规划和自然资源局".into(),
        Body::NaturalResources if district => {
            let c = regions::city_of(code).map(|c| c.code).unwrap_or(320100);
            format!("{}{}分局", org(c, Body::NaturalResources), r.short_name)
        }
        Body::NaturalResources => format!("{p}自然资源和规划局"),
        Body::Finance if province => "江苏省财政厅".into(),
        Body::Finance => format!("{p}财政局"),
        Body::Sasac if province => "江苏省人民政府国有资产监督管理委员会".into(),
        Body::Sasac if city => format!("{p}人民政府国有资产监督管理委员会"),
        Body::Sasac => format!("{p}人民政府国有资产监督管理办公室"),
        Body::Health if province => "江苏省卫生健康委员会".into(),
        Body::Health => format!("{p}卫生健康委员会"),
        Body::MedicalInsurance => format!("{p}医疗保障局"),
        Body::GovServices if province || city => format!("{p}政务服务管理办公室"),
        Body::GovServices => format!("{p}行政审批局"),
    }
}

/// The abbreviation a division's documents are numbered with: `苏` (province), `宁` (Nanjing),
/// `江宁` (a district), `昆` (a county-level city or county).
pub fn doc_abbr(code: u32) -> String {
    let r = region(code);
    match r.level {
        Level::Province => "苏".into(),
        Level::City => city(code).abbr.into(),
        Level::District => r.short_name.into(),
        Level::CountyCity | Level::County => match r.short_name {
            "江阴" => "澄".into(),
            "张家港" => "张".into(),
            s => s.chars().next().map(String::from).unwrap_or_default(),
        },
    }
}

/// A telephone number of the division, e.g. `025-52316874`.
pub fn phone(rng: &mut Rng, code: u32) -> String {
    format!("{}-{}{:07}", city(code).area, rng.u32(5..9), rng.u32(..10_000_000))
}

/// An information source (信息来源) and the link to the record on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Site {
    /// 江苏省公共资源交易平台.
    Jsggzy,
    /// 江苏政府采购网.
    Ccgp,
    /// The city's 公共资源交易中心网站.
    CityTrading,
    /// 江苏省住房和城乡建设厅网站.
    ProvHousing,
    /// The city's 住房和城乡建设局网站.
    CityHousing,
    /// 信用中国（江苏）.
    Credit,
    /// 江苏省自然资源厅网站.
    ProvLand,
    /// The city's 自然资源和规划局网站.
    CityLand,
    /// 中国土地市场网.
    LandChina,
    /// 江苏省财政厅网站.
    ProvFinance,
    /// 江苏省产权交易所网站.
    Jscq,
    /// The city's 国资委网站.
    CitySasac,
    /// 江苏省医疗保障局网站.
    ProvMedical,
    /// 江苏省人民政府网站.
    ProvGov,
    /// The city's (or county's) 人民政府网站.
    CityGov,
    /// 江苏省投资项目在线审批监管平台.
    Investment,
    /// 江苏建设工程招标网.
    Jszb,
}

/// The name of `site` as a source line, for a record of division `code`.
pub fn source_name(site: Site, code: u32) -> String {
    let city_name = || regions::city_of(code).map(|c| c.name).unwrap_or("南京市");
    let local_name = || {
        if is_province(code) {
            "江苏省".to_string()
        } else {
            prefix(code)
        }
    };
    match site {
        Site::Jsggzy => "江苏省公共资源交易平台".into(),
        Site::Ccgp => "江苏政府采购网".into(),
        Site::CityTrading => format!("{}公共资源交易中心网站", city_name()),
        Site::ProvHousing => "江苏省住房和城乡建设厅网站".into(),
        Site::CityHousing => format!("{}住房和城乡建设局网站", local_name()),
        Site::Credit => "信用中国（江苏）".into(),
        Site::ProvLand => "江苏省自然资源厅网站".into(),
        Site::CityLand => format!("{}自然资源和规划局网站", city_name()),
        Site::LandChina => "中国土地市场网".into(),
        Site::ProvFinance => "江苏省财政厅网站".into(),
        Site::Jscq => "江苏省产权交易所网站".into(),
        Site::CitySasac => format!("{}人民政府国有资产监督管理委员会网站", city_name()),
        Site::ProvMedical => "江苏省医疗保障局网站".into(),
        Site::ProvGov => "江苏省人民政府网站".into(),
        Site::CityGov => format!("{}人民政府网站", local_name()),
        Site::Investment => "江苏省投资项目在线审批监管平台".into(),
        Site::Jszb => "江苏建设工程招标网".into(),
    }
}

const HEX: &[u8] = b"0123456789abcdef";

/// A link to a record published on `date` on `site`; `section` names the column (e.g.
/// `003004001` on the trading platform, `zbgg` elsewhere).
pub fn url(rng: &mut Rng, site: Site, code: u32, date: NaiveDate, section: &str) -> String {
    let slug = city(code).slug;
    let ymd = format!("{:04}{:02}{:02}", date.year(), date.month(), date.day());
    let ym = &ymd[..6];
    let n = rng.u32(1_000_000..9_999_999);
    match site {
        Site::Jsggzy => {
            let guid: String = (0..32).map(|_| HEX[rng.usize(..16)] as char).collect();
            format!("https://jsggzy.jszwfw.gov.cn/jyxx/{section}/{ymd}/{guid}.html")
        }
        Site::Ccgp => {
            format!("http://www.ccgp-jiangsu.gov.cn/ggxx/{section}/{slug}/{ym}/t{ymd}_{n}.html")
        }
        Site::CityTrading => {
            format!("https://ggzy.{slug}.gov.cn/jyxx/{section}/{ym}/t{ymd}_{n}.html")
        }
        Site::ProvHousing => format!(
            "https://jsszfhcxjst.jiangsu.gov.cn/art/{}/{}/{}/art_{section}_{n}.html",
            date.year(),
            date.month(),
            date.day()
        ),
        Site::CityHousing => {
            format!("https://zjj.{slug}.gov.cn/{code}/{section}/{ym}/t{ymd}_{n}.html")
        }
        Site::Credit => format!("https://credit.jiangsu.gov.cn/{section}/{ym}/t{ymd}_{n}.html"),
        Site::ProvLand => {
            format!("https://zrzy.jiangsu.gov.cn/gtxxgk/{section}/{ym}/t{ymd}_{n}.htm")
        }
        Site::CityLand => format!("https://zrzy.{slug}.gov.cn/{section}/{ym}/t{ymd}_{n}.html"),
        Site::LandChina => {
            format!("https://www.landchina.com/#/landSupplyDetail?id={n}&type={section}")
        }
        Site::ProvFinance => format!(
            "https://czt.jiangsu.gov.cn/art/{}/{}/{}/art_{section}_{n}.html",
            date.year(),
            date.month(),
            date.day()
        ),
        Site::Jscq => format!("https://www.jscq.com.cn/{section}/{ym}/t{ymd}_{n}.html"),
        Site::CitySasac => format!("https://gzw.{slug}.gov.cn/{section}/{ym}/t{ymd}_{n}.html"),
        Site::ProvMedical => format!(
            "https://ybj.jiangsu.gov.cn/art/{}/{}/{}/art_{section}_{n}.html",
            date.year(),
            date.month(),
            date.day()
        ),
        Site::ProvGov => format!(
            "https://www.jiangsu.gov.cn/art/{}/{}/{}/art_{section}_{n}.html",
            date.year(),
            date.month(),
            date.day()
        ),
        Site::CityGov => {
            format!("https://www.{slug}.gov.cn/{code}/{section}/{ym}/t{ymd}_{n}.shtml")
        }
        Site::Investment => format!("https://tzxm.jiangsu.gov.cn/{section}/{ym}/t{ymd}_{n}.html"),
        Site::Jszb => format!("http://www.jszb.com.cn/jszb/YW_info/{section}/{ymd}/{n}.html"),
    }
}

/// Words for roads.
const ROADS: &[&str] = &[
    "人民", "建设", "解放", "长江", "黄河", "学府", "科技", "创业", "富民", "迎宾", "滨江", "金山", "新华", "东环",
    "西环", "南环", "北环", "文昌", "青年", "振兴", "湖滨", "东方", "中山", "和平", "友谊", "育才", "光明", "幸福",
    "团结", "工业", "纬一", "经二", "天元", "将军", "金源", "云台", "太湖", "淮海", "运河", "望江", "翠屏", "龙蟠",
    "银杏", "香樟", "桂花", "海棠", "兴园", "汇通",
];
const ROAD_SUFFIXES: &[&str] = &["路", "路", "路", "大道", "街"];

/// Words for neighbourhoods, towns and project sites.
const AREAS: &[&str] = &[
    "城南",
    "城北",
    "城东",
    "城西",
    "滨湖",
    "新城",
    "科教城",
    "高新",
    "港城",
    "老城",
    "东湖",
    "西山",
    "凤凰",
    "莲花",
    "花园",
    "金港",
    "春江",
    "南湖",
    "北湖",
    "龙湖",
    "锦绣",
    "阳光",
    "翠苑",
    "丽景",
    "梅园",
    "桃园",
    "枫林",
    "御河",
    "运河",
    "滨江",
    "双桥",
    "石桥",
    "新桥",
    "梅村",
    "湖塘",
    "东山",
];

/// A road name, e.g. `学府路`.
pub fn road(rng: &mut Rng) -> String {
    format!("{}{}", ROADS[rng.usize(..ROADS.len())], ROAD_SUFFIXES[rng.usize(..ROAD_SUFFIXES.len())])
}

/// An area word, e.g. `城南`.
pub fn area(rng: &mut Rng) -> &'static str {
    AREAS[rng.usize(..AREAS.len())]
}

/// A town or street office of the division, e.g. `东山街道` / `新桥镇`.
pub fn town(rng: &mut Rng) -> String {
    let suffix = if rng.bool() { "街道" } else { "镇" };
    format!("{}{suffix}", area(rng))
}

/// A site description with four boundaries: `东至学府路，南至…，西至…，北至…`.
pub fn boundaries(rng: &mut Rng) -> String {
    let side = |rng: &mut Rng| {
        if rng.u8(..100) < 60 {
            road(rng)
        } else {
            ["规划道路", "现状河道", "空地", "已建小区", "绿化带"][rng.usize(..5)].to_string()
        }
    };
    format!("东至{}，南至{}，西至{}，北至{}", side(rng), side(rng), side(rng), side(rng))
}
