//! 药品和医用耗材采购 (T25–T27): provincial volume-based purchasing (带量采购) of drugs and
//! consumables, listing (挂网), qualification reviews, price changes, shortage enquiries,
//! vaccines; credit ratings and penalties of pharmaceutical companies.

use super::names::Kind;
use super::places::{self, Body, Scope, Site};
use super::text::{self, date_cn, yuan};
use super::{Draft, Gen};
use chrono::Datelike;
use std::sync::LazyLock;

use super::data;

/// Drugs: generic name, strength, price range per pack (yuan).
static DRUGS: LazyLock<Vec<(&str, &str, f64, f64)>> = LazyLock::new(|| {
    data::rows(include_str!("../data/drugs.tsv"))
        .map(|r| (r[0], r[1], data::number(r[2], "drugs.tsv"), data::number(r[3], "drugs.tsv")))
        .collect()
});

/// Consumable categories.
static CONSUMABLES: LazyLock<Vec<&str>> = LazyLock::new(|| data::words(include_str!("../data/consumables.txt")));

/// Vaccines.
static VACCINES: LazyLock<Vec<&str>> = LazyLock::new(|| data::words(include_str!("../data/vaccines.txt")));

const CENTER: &str = "江苏省药品医用耗材集中采购中心";
const INSURANCE: &str = "江苏省医疗保障局";

fn site(g: &mut Gen) -> (Site, &'static str) {
    *g.weighted(&[((Site::ProvMedical, "yyzc"), 55), ((Site::Jsggzy, "003007"), 45)])
}

/// A volume-based purchase: notice → proposed winners → winners → (renewal).
pub(super) fn volume_purchase(g: &mut Gen) {
    let drugs = g.chance(60);
    let day = g.start();
    let year = day.year();
    let round = g.serial(format!("JS-{drugs}-{year}"), 1);
    let code = format!("JS-{}-{year}-{round:02}", if drugs { "YP" } else { "HC" });
    let category = if drugs { String::new() } else { g.one(&CONSUMABLES).to_string() };
    let name = if drugs {
        format!("江苏省{year}年第{round}批药品集中带量采购")
    } else {
        format!("江苏省{year}年第{round}批{category}类医用耗材集中带量采购")
    };
    let (site, section) = site(g);
    let n = g.range(4, 7) as usize;
    let mut picked: Vec<&(&str, &str, f64, f64)> = Vec::new();
    while picked.len() < n {
        let d = g.one(&DRUGS);
        if !picked.iter().any(|p| p.0 == d.0) {
            picked.push(d);
        }
    }
    let companies = g.companies(if drugs { Kind::Pharma } else { Kind::MedicalDevice }, places::PROVINCE, n);
    let submit = g.later_days(day, 15, 25);

    // 采购公告 / 采购文件.
    {
        let formed = g.formed(Some("T25"), day);
        let mut b = text::Body::new();
        b.p(format!("为深化医药卫生体制改革，减轻群众用药（耗）负担，根据国家组织药品和医用耗材集中带量采购有关要求，江苏省组织开展{}，现将有关事项公告如下：", name.trim_start_matches("江苏省")));
        if drugs {
            b.p(format!(
                "一、采购品种\n{}等{}个品种，具体规格见采购品种目录。",
                picked.iter().map(|d| d.0).collect::<Vec<_>>().join("、"),
                n
            ));
        } else {
            b.p(format!("一、采购范围\n{category}类医用耗材，按产品功能和材质分为若干产品组，详见采购文件附件。"));
        }
        b.p("二、采购周期\n采购周期为2年，自中选结果执行之日起计算。约定采购量按全省公立医疗机构报送需求量的70%确定，医保基金按约定采购金额的30%预付。");
        b.p(format!(
            "三、申报要求\n申报企业应为具有合法资质的{}，申报产品须取得有效注册证（批准文号）。申报截止时间：{}17:00。",
            if drugs { "药品上市许可持有人" } else { "医疗器械注册人、备案人" },
            date_cn(submit)
        ));
        b.opt("四、中选规则\n按照“质量优先、价格合理”的原则，申报价格不高于最高有效申报价且符合降幅要求的产品获得拟中选资格，同品种拟中选企业数量根据申报企业数量确定。");
        b.p(format!(
            "五、开标地点\n江苏省公共资源交易中心（南京市鼓楼区）。\n联系单位：{CENTER}，电话：{}",
            places::phone(&mut g.rng, 320100)
        ));
        let draft = Draft {
            title: format!("{name}公告（{code}）"),
            body: b.finish(),
            publisher: CENTER.into(),
            site,
            section,
            code: Some(code.clone()),
            ..Draft::new("T25", places::PROVINCE, day, formed)
        };
        g.emit(draft);
    }

    // 拟中选结果公示.
    let proposed = g.later(submit, 5, 15);
    let mut lines = Vec::new();
    let mut entities = Vec::new();
    for (i, &c) in companies.iter().enumerate() {
        let cname = g.name(c);
        let (product, spec, lo, hi) = if drugs {
            let d = picked[i % picked.len()];
            (d.0.to_string(), d.1.to_string(), d.2, d.3)
        } else {
            (format!("{category}（产品组{}）", i + 1), "详见产品目录".to_string(), 200.0, 9000.0)
        };
        let price = ((lo + (hi - lo) * g.rng.f64()) * 100.0).round() / 100.0;
        lines.push(format!("{product}（{spec}）：{cname}，拟中选价格{price:.2}元"));
        entities.push(cname);
    }
    {
        let formed = g.formed(Some("T25"), proposed);
        let mut b = text::Body::new();
        b.p(format!("根据{name}（{code}）采购文件规定，经开标、专家复核，现将拟中选结果公示如下："));
        for l in &lines {
            b.p(l.clone());
        }
        b.p(format!(
            "公示期：{}至{}。申报企业对拟中选结果有异议的，请在公示期内以书面形式向{CENTER}提出，逾期不予受理。",
            date_cn(proposed),
            date_cn(g.later(proposed, 3, 3))
        ));
        b.opt(format!(
            "拟中选产品平均降价{:.1}%，最大降幅{:.1}%。",
            40.0 + g.rng.f64() * 25.0,
            80.0 + g.rng.f64() * 15.0
        ));
        let draft = Draft {
            title: format!("{name}拟中选结果公示"),
            body: b.finish(),
            publisher: CENTER.into(),
            site,
            section,
            code: Some(code.clone()),
            entities: entities.clone(),
            ..Draft::new("T25", places::PROVINCE, proposed, formed)
        };
        g.emit(draft);
    }

    // 中选结果.
    let final_day = g.later(proposed, 5, 12);
    if g.chance(75) {
        let formed = g.formed(Some("T25"), final_day);
        let mut b = text::Body::new();
        b.p(format!("{name}（{code}）拟中选结果公示期满，无异议或异议不成立。现公布中选结果："));
        for l in &lines {
            b.p(l.replace("拟中选价格", "中选价格"));
        }
        b.p(format!("中选结果自{}起在全省公立医疗机构执行。各医疗机构应按约定采购量优先使用中选产品，医保部门按规定落实医保资金结余留用政策。", date_cn(g.later_days(final_day, 30, 60))));
        b.sign(format!("{INSURANCE}\n{}", date_cn(formed.unwrap_or(final_day))));
        let draft = Draft {
            title: format!("{name}中选结果公告"),
            body: b.finish(),
            publisher: INSURANCE.into(),
            site,
            section,
            code: Some(code.clone()),
            entities: entities.clone(),
            ..Draft::new("T25", places::PROVINCE, final_day, formed)
        };
        g.emit(draft);
    }

    // 协议期满接续 / 供应保障.
    if g.chance(25) {
        let published = g.later_days(final_day, 300, 700);
        let formed = g.formed(Some("T25"), published);
        let mut b = text::Body::new();
        b.p(format!("{name}（{code}）协议期即将届满。为保障临床用药（耗）连续稳定，经研究，开展协议期满接续工作。"));
        b.p(format!("中选企业名单：{}。", entities.join("、")));
        b.p("原中选企业在协议期内供应稳定、未发生违约的，可按原中选价格或更低价格续签协议，协议期一年；供应不及时、配送率低于95%的企业不得续签。");
        let draft = Draft {
            title: format!("{name}协议期满接续采购的通知"),
            body: b.finish(),
            publisher: INSURANCE.into(),
            site,
            section,
            code: Some(code),
            entities,
            ..Draft::new("T25", places::PROVINCE, published, formed)
        };
        g.emit(draft);
    }
}

/// Everyday provincial records: listing, qualification reviews, price changes, shortage
/// enquiries, vaccines, filed purchases.
pub(super) fn listing(g: &mut Gen) {
    let day = g.start();
    let year = day.year();
    let formed = g.formed(Some("T25"), day);
    let (site, section) = site(g);
    let mut b = text::Body::new();
    let mut region = places::PROVINCE;
    let mut publisher = CENTER.to_string();
    let mut entities = Vec::new();
    let title;
    let code;
    let case = g.range(0, 6);
    // Cases 0 and 1 are both listings of drugs and share their numbering.
    let batch = g.serial(format!("listing{}-{year}", case.max(1)), 3);
    match case {
        0 | 1 => {
            let n = g.range(2, 5) as usize;
            let cos = g.companies(Kind::Pharma, region, n);
            b.p(format!("根据《江苏省药品挂网采购实施细则》，现将{year}年第{batch}批申请挂网药品审核结果公示如下："));
            let first = g.one(&DRUGS).0;
            for (i, &c) in cos.iter().enumerate() {
                let d = if i == 0 { DRUGS.iter().find(|d| d.0 == first).unwrap_or(&DRUGS[0]) } else { g.one(&DRUGS) };
                let price = (d.2 + (d.3 - d.2) * g.rng.f64()) * 1.5;
                b.p(format!("{}（{}），生产企业：{}，挂网价格：{price:.2}元，审核意见：同意挂网", d.0, d.1, g.name(c)));
                entities.push(g.name(c));
            }
            b.p("公示期为5个工作日。企业对审核结果有异议的，可在公示期内通过江苏省医药集中采购平台提交申诉材料。");
            code = format!("JS-GW-{year}-{batch:02}");
            title = format!("关于{first}等{n}个药品挂网采购的公示（{year}年第{batch}批）");
        }
        2 => {
            let cat = g.one(&CONSUMABLES);
            let n = g.range(2, 4) as usize;
            let cos = g.companies(Kind::MedicalDevice, region, n);
            b.p(format!("根据《江苏省医用耗材挂网采购管理办法》，经企业申报、资料审核，现将{year}年第{batch}批医用耗材挂网采购产品公示如下："));
            for &c in &cos {
                b.p(format!(
                    "{cat}，注册证号：国械注准{}{:07}，企业：{}，挂网价格：{}",
                    year - g.range(1, 5) as i32,
                    g.range(1, 9_999_999),
                    g.name(c),
                    yuan(g.money(0.02, 1.5))
                ));
                entities.push(g.name(c));
            }
            b.p("挂网价格不得高于该产品在全国省级平台的最低挂网价格。公示期5个工作日，有异议的请在公示期内提出。");
            code = format!("JS-HCGW-{year}-{batch:02}");
            title = format!("医用耗材挂网采购（{year}年第{batch}批）产品公示");
        }
        3 => {
            let n = g.range(3, 5) as usize;
            let cos = g.companies(Kind::Pharma, region, n);
            b.p(format!("根据药品和医用耗材集中采购企业资质审核有关规定，现将{year}年第{batch}批企业和产品资质审核结果公示如下："));
            let mut passed = Vec::new();
            for &c in &cos {
                passed.push(g.name(c));
            }
            b.p(format!("审核通过：{}。", passed[..n - 1].join("、")));
            b.p(format!(
                "审核未通过：{}，原因：{}。",
                passed[n - 1],
                g.one(&["药品生产许可证已过有效期", "未提供有效的药品注册证书", "授权委托书不符合要求"])
            ));
            b.opt("资质审核结果是企业参与药品集中采购的前提条件。企业资质信息发生变化的，应及时在平台进行变更申报。");
            entities = passed;
            code = format!("JS-ZZ-{year}-{batch:02}");
            title = format!("关于{year}年第{batch}批药品生产企业资质审核结果的公示");
        }
        4 => {
            let d = g.one(&DRUGS);
            let c = g.company(Kind::Pharma, region);
            let old = d.2 + (d.3 - d.2) * g.rng.f64();
            b.p(format!("{}申请调整{}（{}）挂网价格。", g.name(c), d.0, d.1));
            b.p(format!(
                "原挂网价格：{old:.2}元，调整后价格：{:.2}元。调整原因：{}。",
                old * (0.7 + g.rng.f64() * 0.25),
                g.one(&["企业主动降价", "落实医药价格治理要求，对标全国最低价", "原料药成本下降"])
            ));
            b.p("经审核，同意调整，调整后价格自公示期满之日起执行。该信息变更同步推送至全省各公立医疗机构，医疗机构应按调整后价格采购结算。");
            b.p("公示期为5个工作日。对公示内容有异议的，请在公示期内通过江苏省医药集中采购平台“信息变更申诉”模块提交书面材料。");
            entities.push(g.name(c));
            code = format!("JS-JG-{year}-{batch:03}");
            title = format!("关于调整{}等药品挂网价格的公示（{year}年第{batch}期）", d.0);
        }
        5 => {
            let d = g.one(&DRUGS);
            let c = g.company(Kind::Pharma, region);
            b.p(format!("根据《江苏省短缺药品清单管理办法》，{}被列入短缺药品清单。为保障临床供应，我中心组织开展短缺药品询价采购，现将结果公示如下：", d.0));
            b.p(format!("药品名称：{}\n规格：{}\n供应企业：{}\n询价成交价：{:.2}元\n供应承诺：保障全省公立医疗机构临床需求，配送时限不超过48小时。", d.0, d.1, g.name(c), d.3 * 1.3));
            b.p("公示期3个工作日。各医疗机构可通过江苏省医药集中采购平台直接采购。");
            entities.push(g.name(c));
            code = format!("JS-DQ-{year}-{batch:02}");
            title = format!("江苏省短缺药品询价采购结果公示（{}）", d.0);
        }
        _ => {
            if g.chance(50) {
                let v = g.one(&VACCINES);
                let c = g.company(Kind::Pharma, region);
                b.p(format!(
                    "根据《江苏省非免疫规划疫苗集中采购实施方案》，现将{year}年度非免疫规划疫苗集中采购结果公示如下："
                ));
                b.p(format!("疫苗品种：{v}\n生产企业：{}\n中标价格：{:.2}元/支（剂）\n配送方式：由生产企业直接配送至各级疾病预防控制机构", g.name(c), 50.0 + g.rng.f64() * 1200.0));
                b.p("各设区市疾病预防控制中心应按照公示结果组织采购，采购合同报同级卫生健康行政部门备案。");
                entities.push(g.name(c));
                publisher = "江苏省卫生健康委员会".into();
                code = format!("JS-YM-{year}-{batch:02}");
                title = format!("江苏省{year}年度非免疫规划疫苗集中采购结果公示（{v}）");
            } else {
                region = places::pick_region(&mut g.rng, Scope::City);
                let hospital = format!(
                    "{}{}",
                    places::prefix(region),
                    g.one(&["人民医院", "中医院", "第一人民医院", "妇幼保健院"])
                );
                let d = g.one(&DRUGS);
                let c = g.company(Kind::Pharma, region);
                b.p(format!(
                    "{hospital}因临床急需，对未在江苏省医药集中采购平台挂网的{}（{}）实施备案采购。",
                    d.0, d.1
                ));
                b.p(format!(
                    "供应企业：{}\n备案采购价格：{:.2}元\n备案采购数量：{}盒\n备案理由：{}",
                    g.name(c),
                    d.3 * 1.1,
                    g.range(200, 6000),
                    g.one(&["临床急需且无替代品种", "抢救用药", "专科特殊用药"])
                ));
                b.p("备案采购情况已报市医疗保障局审核同意，并在平台完成备案登记。");
                entities.push(g.name(c));
                publisher = places::org(region, Body::MedicalInsurance);
                code = format!("{}-BA-{year}-{batch:03}", places::city(region).abbr);
                title = format!("{hospital}药品备案采购情况公示");
            }
        }
    }
    b.sign(format!("{publisher}\n{}", date_cn(formed.unwrap_or(day))));
    let draft = Draft {
        title,
        body: b.finish(),
        publisher,
        site,
        section,
        code: Some(code),
        entities,
        ..Draft::new("T25", region, day, formed)
    };
    g.emit(draft);
}

/// 医药价格和招采信用评价 (T26).
pub(super) fn credit(g: &mut Gen) {
    let day = g.start();
    let formed = g.formed(Some("T26"), day);
    let decided = formed.unwrap_or(day);
    let year = decided.year();
    let quarter = (decided.month() - 1) / 3 + 1;
    let n = g.range(2, 4) as usize;
    let cos = g.companies(Kind::Pharma, places::PROVINCE, n);
    let mut b = text::Body::new();
    let mut entities = Vec::new();
    let grades = ["一般", "中等", "严重", "特别严重"];
    b.p(format!("根据《国家医疗保障局关于建立医药价格和招采信用评价制度的指导意见》和《江苏省医药价格和招采信用评价实施细则》，现将{year}年第{quarter}季度医药企业失信等级评定结果公示如下："));
    for &c in &cos {
        let co = g.co(c).clone();
        let grade = *g.one(&grades);
        b.p(format!(
            "{}（法定代表人：{}），失信事项：{}，评定等级：{grade}，处置措施：{}",
            co.name,
            co.legal_rep,
            g.one(&["在医药购销中给予回扣", "中选后无正当理由断供", "虚假申报产品价格信息", "在集中采购中串通投标"]),
            if grade == "一般" {
                "书面提醒告诫"
            } else {
                "限制或中止相关药品挂网、投标或配送资格"
            }
        ));
        entities.push(co.name);
        entities.push(co.legal_rep);
    }
    b.p("企业可按规定通过主动纠正失信行为、降低失信产品价格等方式申请信用修复。对评定结果有异议的，可在公示期内提出申诉。");
    b.sign(format!("{INSURANCE}\n{}", date_cn(decided)));
    let draft = Draft {
        title: if g.chance(60) {
            format!("江苏省医药价格和招采信用评价{year}年第{quarter}季度失信等级评定结果公示")
        } else {
            format!("关于{}医药价格和招采失信等级评定结果的公示", entities[0])
        },
        body: b.finish(),
        publisher: INSURANCE.into(),
        site: *g.one(&[Site::ProvMedical, Site::Credit]),
        section: "xypj",
        code: Some(g.doc("苏医保价", year)),
        entities,
        ..Draft::new("T26", places::PROVINCE, day, formed)
    };
    g.emit(draft);
}

/// 违法违规处罚 (T27): penalties on drug and device suppliers.
pub(super) fn penalty(g: &mut Gen) {
    let region = if g.chance(25) { places::PROVINCE } else { places::pick_region(&mut g.rng, Scope::City) };
    let authority = places::org(region, if g.chance(60) { Body::MedicalInsurance } else { Body::Health });
    let day = g.start();
    let formed = g.formed(Some("T27"), day);
    let decided = formed.unwrap_or(day);
    let kind = if g.chance(60) { Kind::Pharma } else { Kind::MedicalDevice };
    let c = g.company(kind, region);
    let co = g.co(c).clone();
    let hospital = format!(
        "{}{}",
        places::prefix(if places::is_province(region) { 320100 } else { region }),
        g.one(&["人民医院", "中医院", "第二人民医院"])
    );
    let series = if authority.contains("医疗保障") { "医保罚" } else { "卫罚" };
    let doc = g.doc(&format!("{}{series}", places::doc_abbr(region)), decided.year());
    let fine = g.money(2.0, 80.0);
    let offence = *g.one(&[
        "在向医院销售药品过程中，以现金、购物卡等形式给予相关人员回扣",
        "在医用耗材集中带量采购中选后，未按协议保障供应，影响临床使用",
        "在集中采购申报中提供虚假的产品注册信息",
        "超出挂网价格向医疗机构销售医用耗材",
    ]);
    let mut b = text::Body::new();
    b.p(format!("当事人：{}\n统一社会信用代码：{}\n法定代表人：{}", co.name, co.credit_code, co.legal_rep));
    b.p(format!(
        "经查，当事人{}，涉及{hospital}等医疗机构，违法所得{}。上述事实有销售合同、财务凭证、询问笔录等证据证实。",
        offence,
        yuan(fine * 0.6)
    ));
    b.p(format!(
        "本机关依法决定：没收违法所得，并处罚款{}；{}。",
        yuan(fine),
        g.one(&[
            "同时将相关情况通报江苏省医药价格和招采信用评价部门",
            "记入医药企业不良记录，两年内不得参加全省药品和医用耗材集中采购"
        ])
    ));
    b.p("当事人如不服本决定，可在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。");
    b.sign(format!("{authority}\n{}", date_cn(decided)));
    let draft = Draft {
        title: if g.chance(50) {
            format!("关于对{}的行政处罚决定", co.name)
        } else {
            format!("{authority}行政处罚决定书（{doc}）")
        },
        body: b.finish(),
        publisher: authority,
        site: *g.one(&[Site::Credit, Site::ProvMedical, Site::CityGov]),
        section: "xzcf",
        code: Some(doc),
        amount: Some(fine),
        entities: vec![co.name, co.legal_rep],
        ..Draft::new("T27", region, day, formed)
    };
    g.emit(draft);
}
