//! Fictitious companies and persons for the sample corpus.
//!
//! Company names are put together from a place, a trade name (字号) and a line of business, the
//! way Jiangsu companies are named (`南京恒信建设工程有限公司`, `江苏鑫源招标代理有限公司`). They
//! are made up: any likeness to a real company is a coincidence of common words.

use fastrand::Rng;
use gongkai_core::regions::{self, Level};
use std::collections::{HashMap, HashSet};

/// Trade names (字号): common auspicious two-character words.
#[rustfmt::skip]
const TRADE_NAMES: &[&str] = &[
    "恒信", "鑫源", "华建", "宏达", "永盛", "天成", "中恒", "瑞丰", "嘉禾", "博远", "华宇", "金诚",
    "同创", "德润", "润泽", "弘毅", "汇通", "众鑫", "三益", "九洲", "长宏", "恒润", "宏图", "锦程",
    "卓越", "明珠", "通达", "安泰", "天润", "盛世", "泰和", "鼎盛", "兴业", "华信", "诚达", "建华",
    "宏盛", "金鼎", "益民", "富康", "正源", "和信", "苏盛", "江海", "润发", "金桥", "华诚", "鸿运",
    "恒通", "裕丰", "中天", "大成", "新城", "华鼎", "永泰", "国誉", "信达", "东升", "恒达", "聚力",
    "协和", "中科", "百川", "银河", "金源", "海纳", "润德", "和润", "天宇", "立信", "久安", "瑞华",
    "昌盛", "永安", "华夏", "广源", "汇丰", "恒远", "金帆", "锦华", "宏业", "天和", "昊天", "佳和",
    "德邦", "万泰", "同济", "惠民", "旭日", "晨光", "蓝天", "绿洲", "青松", "紫金", "翠屏", "云龙",
    "龙腾", "凤凰", "飞扬", "远航", "腾达", "精诚", "至诚", "博雅", "思源", "致远", "启明", "开元",
    "泰昌", "丰源", "嘉诚", "景泰", "兆丰", "隆盛", "润丰", "盛达", "汇金", "聚源", "达信", "恒昌",
    "宝华", "华强", "建兴", "金城", "苏通", "宁远", "锡能", "淮海", "运河", "太湖", "钟山", "秦淮",
    "清源", "碧水", "天诚", "创达", "中润", "弘远", "新锐", "智恒", "科瑞", "迅达", "诚信", "金陵",
];

/// Surnames, most common first (repeats weight the draw).
#[rustfmt::skip]
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
    "韦", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "段", "雷", "侯", "史", "陶",
    "顾", "毛", "邵", "钱", "严", "戴", "汤", "王", "张", "陈", "徐", "朱", "周", "吴", "孙", "顾",
];

/// Characters of given names.
#[rustfmt::skip]
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "红", "玲", "斌", "波", "宇", "浩",
    "凯", "健", "俊", "帆", "鹏", "辉", "晨", "阳", "峰", "雷", "鑫", "亮", "林", "婷", "雪", "琳",
    "博", "文", "志", "云", "飞", "海", "燕", "萍", "宁", "欣", "颖", "晓", "东", "兵", "丹", "梅",
    "莉", "琴", "新", "春", "荣", "立", "成", "晖", "骏", "翔", "宏", "鸣", "忠", "卫", "德", "永",
];

/// A trade name (字号), e.g. `恒信`.
pub fn trade_name(rng: &mut Rng) -> &'static str {
    TRADE_NAMES[rng.usize(..TRADE_NAMES.len())]
}

/// A random full name (two or three characters).
pub fn person(rng: &mut Rng) -> String {
    let mut name = String::from(SURNAMES[rng.usize(..SURNAMES.len())]);
    name.push_str(GIVEN[rng.usize(..GIVEN.len())]);
    if rng.u8(..100) < 70 {
        name.push_str(GIVEN[rng.usize(..GIVEN.len())]);
    }
    name
}

/// A name as published in lists of private persons, masked: `王*明`, `孙*`.
pub fn masked(rng: &mut Rng) -> String {
    let mut name = String::from(SURNAMES[rng.usize(..SURNAMES.len())]);
    name.push('*');
    if rng.u8(..100) < 70 {
        name.push_str(GIVEN[rng.usize(..GIVEN.len())]);
    }
    name
}

/// The line of business in a company name: `镇江国誉保洁服务有限公司` → `保洁服务`.
pub fn business(name: &str) -> &str {
    let core = ["股份有限公司", "集团有限公司", "有限公司", "（特殊普通合伙）"]
        .iter()
        .fold(name, |n, s| n.strip_suffix(s).unwrap_or(n));
    let start = core.char_indices().rev().nth(3).map(|(i, _)| i).unwrap_or(0);
    &core[start..]
}

/// What a company does, which decides where it shows up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// 施工企业: bids for construction works.
    Contractor,
    /// 监理、设计、咨询单位.
    Consultant,
    /// 招标代理机构 / 采购代理机构.
    Agency,
    /// Suppliers of goods (IT, furniture, teaching equipment, vehicles…).
    Supplier,
    /// Service providers (物业、保安、保洁、餐饮、检测).
    Service,
    /// 医疗器械 suppliers.
    MedicalDevice,
    /// 房地产开发企业, buyers of residential and commercial land.
    Developer,
    /// Manufacturers, buyers of industrial land.
    Industrial,
    /// 矿业、建材企业.
    Mining,
    /// 药品生产、经营企业.
    Pharma,
    /// Investors, buyers of state-owned equity and assets.
    Investor,
    /// 资产评估机构、会计师事务所.
    Appraiser,
}

/// Name patterns per kind: `{p}` = place, `{t}` = trade name.
#[rustfmt::skip]
const PATTERNS: &[(Kind, &[&str])] = &[
    (Kind::Contractor, &[
        "{p}{t}建设工程有限公司", "{p}{t}建筑工程有限公司", "{p}{t}市政工程有限公司",
        "江苏{t}建设集团有限公司", "江苏省{t}建筑工程集团有限公司", "{p}{t}路桥工程有限公司",
        "江苏{t}水利工程有限公司", "{p}{t}园林绿化工程有限公司", "江苏{t}建筑装饰工程有限公司",
        "{p}{t}安装工程有限公司", "{p}{t}建设发展有限公司", "江苏{t}市政建设有限公司",
    ]),
    (Kind::Consultant, &[
        "{p}{t}工程监理有限公司", "江苏{t}工程咨询有限公司", "{p}{t}建设监理有限公司",
        "江苏{t}工程设计研究院有限公司", "{p}{t}建筑设计院有限公司", "江苏{t}岩土工程勘察有限公司",
    ]),
    (Kind::Agency, &[
        "江苏{t}招标代理有限公司", "江苏省{t}招标代理有限公司", "{p}{t}项目管理有限公司",
        "江苏{t}工程造价咨询有限公司", "{p}{t}招标有限公司", "江苏{t}建设项目管理有限公司",
    ]),
    (Kind::Supplier, &[
        "{p}{t}科技有限公司", "{p}{t}信息技术有限公司", "江苏{t}智能科技有限公司",
        "{p}{t}办公设备有限公司", "{p}{t}家具有限公司", "{p}{t}教学设备有限公司",
        "{p}{t}环境科技股份有限公司", "江苏{t}软件股份有限公司", "{p}{t}电子科技有限公司",
        "{p}{t}汽车销售服务有限公司", "江苏{t}数据科技有限公司", "{p}{t}网络工程有限公司",
    ]),
    (Kind::Service, &[
        "{p}{t}物业管理有限公司", "{p}{t}保安服务有限公司", "{p}{t}环境卫生管理有限公司",
        "{p}{t}餐饮管理有限公司", "江苏{t}检测技术有限公司", "{p}{t}保洁服务有限公司",
        "{p}{t}园林养护有限公司", "江苏{t}环保科技有限公司",
    ]),
    (Kind::MedicalDevice, &[
        "{p}{t}医疗器械有限公司", "江苏{t}医疗科技有限公司", "{p}{t}医疗设备有限公司",
        "{p}{t}医用设备工程有限公司",
    ]),
    (Kind::Developer, &[
        "{p}{t}置业有限公司", "{p}{t}房地产开发有限公司", "江苏{t}地产集团有限公司",
        "{p}{t}城市发展有限公司", "{p}{t}置地有限公司",
    ]),
    (Kind::Industrial, &[
        "{p}{t}精密机械有限公司", "{p}{t}新材料科技有限公司", "{p}{t}电子有限公司",
        "江苏{t}新能源科技有限公司", "{p}{t}智能装备有限公司", "{p}{t}汽车零部件有限公司",
        "{p}{t}生物科技有限公司", "江苏{t}半导体有限公司",
    ]),
    (Kind::Mining, &["{p}{t}矿业有限公司", "{p}{t}建材有限公司", "江苏{t}矿业发展有限公司", "{p}{t}石料有限公司"]),
    (Kind::Pharma, &[
        "江苏{t}药业股份有限公司", "{p}{t}制药有限公司", "{p}{t}医药有限公司",
        "江苏{t}生物医药有限公司", "{p}{t}药业有限公司", "江苏{t}医疗用品有限公司",
    ]),
    (Kind::Investor, &[
        "{p}{t}投资管理有限公司", "{p}{t}企业管理有限公司", "江苏{t}控股集团有限公司",
        "{p}{t}实业投资有限公司", "{p}{t}商业管理有限公司",
    ]),
    (Kind::Appraiser, &[
        "江苏{t}资产评估有限公司", "{p}{t}会计师事务所（特殊普通合伙）",
        "江苏{t}土地房地产评估咨询有限公司", "江苏{t}房地产资产评估有限公司",
    ]),
];

/// How many companies of each kind the pool holds.
const POOL_SIZES: &[(Kind, usize)] = &[
    (Kind::Contractor, 130),
    (Kind::Consultant, 30),
    (Kind::Agency, 30),
    (Kind::Supplier, 70),
    (Kind::Service, 35),
    (Kind::MedicalDevice, 25),
    (Kind::Developer, 45),
    (Kind::Industrial, 30),
    (Kind::Mining, 16),
    (Kind::Pharma, 45),
    (Kind::Investor, 20),
    (Kind::Appraiser, 16),
];

/// One fictitious company of the pool.
#[derive(Debug, Clone)]
pub struct Company {
    /// Full registered name.
    pub name: String,
    /// Line of business.
    pub kind: Kind,
    /// The prefecture-level city it is based in.
    pub city: u32,
    /// 法定代表人.
    pub legal_rep: String,
    /// 统一社会信用代码.
    pub credit_code: String,
    /// Registered builders (项目负责人) with their certificate numbers, for contractors.
    pub managers: Vec<(String, String)>,
    /// How often it is drawn, relative to the others of its kind.
    pub weight: u32,
}

/// The company pool, indexed by kind and by (kind, city).
#[derive(Debug)]
pub struct Pool {
    /// All companies.
    pub companies: Vec<Company>,
    by_kind: HashMap<Kind, Vec<usize>>,
    by_kind_city: HashMap<(Kind, u32), Vec<usize>>,
}

const CREDIT_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

fn credit_code(rng: &mut Rng, city: u32) -> String {
    let mut code = format!("9132{:02}", city / 100 % 100);
    code.push_str(&format!("{:02}", rng.u8(..100)));
    for _ in 0..10 {
        code.push(CREDIT_CHARS[rng.usize(..CREDIT_CHARS.len())] as char);
    }
    code
}

/// A builder's registration number, e.g. `苏1322018201912345`.
fn builder_certificate(rng: &mut Rng) -> String {
    let grade = if rng.bool() { 1 } else { 2 };
    format!("苏{grade}32{}{:09}", rng.u32(2008..2025), rng.u32(..1_000_000_000))
}

impl Pool {
    /// Builds the pool deterministically from `rng`.
    pub fn new(rng: &mut Rng) -> Pool {
        let homes: Vec<&'static regions::Region> =
            regions::all().iter().filter(|r| matches!(r.level, Level::City | Level::CountyCity)).collect();
        let mut seen = HashSet::new();
        let mut companies = Vec::new();
        for &(kind, size) in POOL_SIZES {
            let patterns = PATTERNS.iter().find(|(k, _)| *k == kind).map(|(_, p)| *p).unwrap_or(&[]);
            let mut made = 0;
            while made < size {
                // Cities are drawn more often than county-level cities.
                let home = homes[rng.usize(..homes.len())];
                let home = if home.level == Level::CountyCity && rng.bool() {
                    regions::city_of(home.code).unwrap_or(home)
                } else {
                    home
                };
                let pattern = patterns[rng.usize(..patterns.len())];
                let trade = TRADE_NAMES[rng.usize(..TRADE_NAMES.len())];
                let name = pattern.replace("{p}", home.short_name).replace("{t}", trade);
                if !seen.insert(name.clone()) {
                    continue;
                }
                let city = regions::city_of(home.code).map(|c| c.code).unwrap_or(home.code);
                let managers = if matches!(kind, Kind::Contractor | Kind::Consultant) {
                    (0..rng.usize(2..5)).map(|_| (person(rng), builder_certificate(rng))).collect()
                } else {
                    Vec::new()
                };
                // A few companies win a lot, most win now and then.
                let weight = 1 + (rng.f64().powi(3) * 30.0) as u32;
                companies.push(Company {
                    name,
                    kind,
                    city,
                    legal_rep: person(rng),
                    credit_code: credit_code(rng, city),
                    managers,
                    weight,
                });
                made += 1;
            }
        }
        let mut by_kind: HashMap<Kind, Vec<usize>> = HashMap::new();
        let mut by_kind_city: HashMap<(Kind, u32), Vec<usize>> = HashMap::new();
        for (i, c) in companies.iter().enumerate() {
            by_kind.entry(c.kind).or_default().push(i);
            by_kind_city.entry((c.kind, c.city)).or_default().push(i);
        }
        Pool { companies, by_kind, by_kind_city }
    }

    /// Draws a company of `kind`, usually one based in the city of `region`.
    pub fn pick(&self, rng: &mut Rng, kind: Kind, region: u32) -> usize {
        let city = regions::city_of(region).map(|c| c.code).unwrap_or(0);
        let local = self.by_kind_city.get(&(kind, city)).filter(|v| !v.is_empty());
        let list = match local {
            Some(l) if rng.u8(..100) < 65 => l,
            _ => &self.by_kind[&kind],
        };
        let total: u32 = list.iter().map(|&i| self.companies[i].weight).sum();
        let mut x = rng.u32(..total.max(1));
        for &i in list {
            let w = self.companies[i].weight;
            if x < w {
                return i;
            }
            x -= w;
        }
        list[list.len() - 1]
    }

    /// Draws `n` distinct companies of `kind` (fewer if the pool is smaller).
    pub fn pick_distinct(&self, rng: &mut Rng, kind: Kind, region: u32, n: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity(n);
        let mut tries = 0;
        while out.len() < n && tries < n * 20 {
            tries += 1;
            let i = self.pick(rng, kind, region);
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out
    }

    /// The company at `i`.
    pub fn get(&self, i: usize) -> &Company {
        &self.companies[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn business_lines() {
        assert_eq!(business("镇江国誉保洁服务有限公司"), "保洁服务");
        assert_eq!(business("无锡恒信环境科技股份有限公司"), "环境科技");
        assert_eq!(business("盐城秦淮会计师事务所（特殊普通合伙）"), "师事务所");
    }
}
