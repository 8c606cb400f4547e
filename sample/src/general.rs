//! 目录与政策: the public resource trading catalogs and scale standards (T01), and policy
//! documents, reports and interpretations outside the catalogs.

use super::places::{self, Body, Scope, Site};
use super::text::{self, date_cn};
use super::{Draft, Gen};
use chrono::Datelike;

/// 公共资源交易目录 and 规模标准 (T01), by the province or a city government.
pub(super) fn catalog(g: &mut Gen) {
    let region = if g.chance(35) { places::PROVINCE } else { places::pick_region(&mut g.rng, Scope::City) };
    let day = g.start();
    let year = day.year();
    let edition = if day.month() >= 10 { year + 1 } else { year };
    let formed = g.formed(Some("T01"), day);
    let p = places::prefix(region);
    let office = places::org(region, Body::GovOffice);
    let doc = g.doc(&format!("{}政办发", places::doc_abbr(region)), year);
    let mut b = text::Body::new();
    let variant = g.range(0, 2);
    if !g.first_time(format!("catalog{variant}-{region}-{edition}")) {
        return;
    }
    let title = match variant {
        0 => {
            b.p(format!("为深化公共资源交易平台整合共享，推进公共资源交易规范化、标准化、智能化，根据国家和省有关规定，制定《{p}公共资源交易目录（{edition}年版）》。纳入目录的公共资源交易项目，应当进入公共资源交易平台交易。"));
            b.p("一、工程建设项目招标投标：依法必须招标的房屋建筑和市政基础设施、交通、水利、能源等工程建设项目的勘察、设计、施工、监理及与工程建设有关的重要设备、材料采购。");
            b.p("二、政府采购：集中采购目录以内或者采购限额标准以上的货物、工程和服务采购。");
            b.p("三、国有土地使用权和矿业权出让：经营性用地和工业用地使用权招标拍卖挂牌出让，探矿权、采矿权招标拍卖挂牌出让。");
            b.p("四、国有产权交易：企业国有产权转让、增资扩股、重大资产转让，行政事业单位国有资产处置。");
            b.opt("五、其他：药品和医用耗材集中采购，排污权、碳排放权、用能权、用水权等环境资源交易，农村集体产权交易，林权交易等。");
            format!("{p}公共资源交易目录（{edition}年版）")
        }
        1 => {
            b.p(format!("各{}：\n为进一步规范工程建设项目招标投标活动，根据《必须招标的工程项目规定》（国家发展改革委令第16号），现将本地区工程建设项目必须招标的范围和规模标准通知如下：", if places::is_province(region) { "设区市、县（市、区）人民政府，省各委办厅局" } else { "县（市、区）人民政府，市各委办局" }));
            b.p("一、全部或者部分使用国有资金投资或者国家融资的项目，以及使用国际组织或者外国政府贷款、援助资金的项目，必须招标。");
            b.p("二、规模标准：施工单项合同估算价在400万元人民币以上；重要设备、材料等货物的采购，单项合同估算价在200万元人民币以上；勘察、设计、监理等服务的采购，单项合同估算价在100万元人民币以上。");
            b.p("三、同一项目中可以合并进行的勘察、设计、施工、监理以及与工程建设有关的重要设备、材料等的采购，合同估算价合计达到前款规定标准的，必须招标。");
            format!("{p}工程建设项目必须招标的范围和规模标准（{doc}）")
        }
        _ => {
            b.p(format!("近日，{office}印发《{p}公共资源交易目录（{edition}年版）》（{doc}）。现就有关内容解读如下："));
            b.p("一、修订背景：为落实国务院办公厅关于全面推进公共资源交易平台整合共享的要求，对原目录进行了动态调整。");
            b.p("二、主要变化：新增用能权、用水权、数据资源等交易品种，明确农村集体产权交易规模标准；对不再适宜进入平台交易的事项予以调整。");
            b.p("三、实施要求：目录内项目原则上应当进入公共资源交易平台交易，实行“平台之外无交易”，交易信息依法在江苏省公共资源交易平台公开。");
            format!("《{p}公共资源交易目录（{edition}年版）》政策解读")
        }
    };
    b.sign(format!("{office}\n{}", date_cn(formed.unwrap_or(day))));
    let draft = Draft {
        title,
        body: b.finish(),
        publisher: office,
        site: if places::is_province(region) { Site::ProvGov } else { Site::CityGov },
        section: "zcwj",
        code: Some(doc),
        ..Draft::new("T01", region, day, formed)
    };
    g.emit(draft);
}

/// Policy documents, annual reports and reviews outside the catalogs.
pub(super) fn policy(g: &mut Gen) {
    let region = if g.chance(40) { places::PROVINCE } else { places::pick_region(&mut g.rng, Scope::Local) };
    let day = g.start();
    let year = day.year();
    let formed = g.formed(None, day);
    let p = places::prefix(region);
    let office = places::org(region, Body::GovOffice);
    let services = places::org(region, Body::GovServices);
    let mut b = text::Body::new();
    // The interpretation of 苏政办发〔2018〕50号 is published once; annual reports and
    // campaigns once per division and year.
    let mut variant = g.range(0, 4);
    if variant == 0 && !g.first_time("interpretation-50".to_string()) {
        variant = g.range(1, 4);
    }
    if matches!(variant, 1 | 3) && !g.first_time(format!("policy{variant}-{region}-{year}")) {
        variant = if g.chance(50) { 2 } else { 4 };
    }
    if variant == 4 && !g.first_time(format!("policy4-{region}-{year}")) {
        variant = 2;
    }
    let (title, publisher, code) = match variant {
        0 => {
            b.p("《省政府办公厅关于推进公共资源配置领域政府信息公开的实施意见》（苏政办发〔2018〕50号）明确了我省推进公共资源配置领域政府信息公开的总体要求和主要任务。");
            b.p("一、公开重点：住房保障、国有土地使用权出让、矿业权出让、政府采购、国有产权交易、工程建设项目招标投标、药品和医用耗材采购七个领域，附有《江苏省公共资源交易领域政府信息公开事项目录》和《江苏省住房保障领域政府信息公开事项目录》。");
            b.p("二、公开主体：按照“谁批准、谁公开，谁实施、谁公开，谁制作、谁公开”的原则确定。");
            b.p("三、公开时效：自政府信息形成或变更之日起20个工作日内予以公开，行政许可、行政处罚事项应自作出行政决定之日起7个工作日内上网公开。");
            b.opt("四、公开渠道：江苏省公共资源交易平台作为全省公共资源交易公告公示信息综合发布媒介，信息推送过程中应当注明信息来源。");
            (
                "政策解读：《省政府办公厅关于推进公共资源配置领域政府信息公开的实施意见》".to_string(),
                "江苏省人民政府办公厅".to_string(),
                "苏政办发〔2018〕50号".to_string(),
            )
        }
        1 => {
            let y = year - 1;
            b.p(format!("本报告根据《中华人民共和国政府信息公开条例》编制，全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等内容。报告所列数据统计期限为{y}年1月1日至12月31日。"));
            b.p(format!("一、总体情况\n{y}年，{p}围绕公共资源配置等重点领域，持续深化政务公开。全年主动公开政府信息{}条，其中公共资源配置领域信息{}条。", g.range(2000, 30000), g.range(500, 8000)));
            b.p(format!(
                "二、收到和处理政府信息公开申请情况\n全年共收到政府信息公开申请{}件，全部按期答复。",
                g.range(20, 900)
            ));
            b.p("三、存在的主要问题及改进情况\n部分领域信息公开时效性不强，个别项目合同履约信息公开不及时。下一步将加强公开时效督查，确保信息在法定时限内公开。");
            (format!("{p}{y}年政府信息公开工作年度报告"), office.clone(), format!("{}-ND-{y}", region))
        }
        2 => {
            let quarter = (day.month() - 1) / 3 + 1;
            b.p(format!("按照政务公开工作要点要求，{services}对本地区公共资源配置领域政府信息公开情况开展了{year}年第{quarter}季度检查。"));
            b.p(format!(
                "检查情况：共抽查政府采购、工程建设项目招标投标、国有土地使用权出让等领域信息{}条，公开及时率{:.1}%。",
                g.range(200, 2000),
                92.0 + g.rng.f64() * 7.5
            ));
            b.p("存在问题：少数单位中标结果、合同订立信息公开超过法定时限；个别行政处罚决定未在7个工作日内上网公开；部分公告未注明信息来源。");
            b.p("整改要求：相关单位应于15个工作日内完成整改，并将整改情况书面报送。");
            (
                format!("{p}公共资源配置领域政府信息公开{year}年第{quarter}季度检查情况通报"),
                services.clone(),
                g.doc(&format!("{}政务办", places::doc_abbr(region)), year),
            )
        }
        3 => {
            b.p(format!("为持续优化营商环境，维护公共资源交易市场秩序，决定在全{}范围内开展{year}年公共资源交易领域突出问题专项整治。", if places::is_province(region) { "省" } else { "市" }));
            b.p("一、整治重点：围标串标、出借资质、虚假投标，招标人设置不合理条件排斥潜在投标人，评标专家违规评审，代理机构违规代理等问题。");
            b.p("二、工作措施：运用大数据分析开展围串标预警，加强行政监督部门与公安、纪检监察机关的协作，依法依规实施失信联合惩戒，将严重失信主体列入“黑名单”。");
            b.p(format!(
                "三、时间安排：{year}年{}月至12月，分动员部署、排查整治、总结提升三个阶段实施。",
                day.month().min(10)
            ));
            (
                format!("{services}关于开展{year}年公共资源交易领域突出问题专项整治的通知"),
                services.clone(),
                g.doc(&format!("{}政务办发", places::doc_abbr(region)), year),
            )
        }
        _ => {
            b.p(format!("为进一步规范{p}公共资源交易服务，提高服务质量和效率，制定本服务事项清单。"));
            b.p("一、交易服务事项：项目登记、场地安排、专家抽取协助、开标评标（评审）见证、交易结果公示、交易资料归档、保证金收退、信息查询等。");
            b.p("二、服务承诺：实行“不见面开标”和全流程电子化交易，交易服务费用全部免收，保证金可使用电子保函替代。");
            b.p("三、监督渠道：市场主体对交易服务有意见建议的，可通过12345政务服务便民热线或交易中心服务窗口反映。");
            (
                format!("{p}公共资源交易服务事项清单（{year}年版）"),
                places::org(region, Body::TradingCenter),
                format!("{}-FWQD-{year}", region),
            )
        }
    };
    b.sign(format!("{publisher}\n{}", date_cn(formed.unwrap_or(day))));
    let region = if publisher.starts_with("江苏省") { places::PROVINCE } else { region };
    let on_trading_site = publisher.contains("交易中心") || publisher.contains("政务服务");
    let site = match (places::is_province(region), on_trading_site) {
        (true, true) => *g.one(&[Site::ProvGov, Site::Jsggzy]),
        (true, false) => Site::ProvGov,
        (false, true) => *g.one(&[Site::CityGov, Site::CityTrading]),
        (false, false) => Site::CityGov,
    };
    let draft = Draft {
        title,
        body: b.finish(),
        publisher,
        site,
        section: "zcwj",
        code: Some(code),
        ..Draft::general(region, day, formed)
    };
    g.emit(draft);
}
