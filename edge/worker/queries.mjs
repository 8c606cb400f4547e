// Requests shared by the parity test and the benchmark: real questions people ask of Jiangsu's
// government information disclosure, in the forms they type them (words, places, pinyin,
// wrong characters, document and project codes, filters).

export const SEARCHES = [
  "q=公租房",
  "q=公共租赁住房 分配结果",
  "q=苏州 卖地",
  "q=政采",
  "q=政府采购 中标公告",
  "q=江宁区 中标候选人",
  "q=黑名单",
  "q=失信 行政处罚",
  "q=国有建设用地使用权",
  "q=挂牌出让 工业用地",
  "q=采矿权 出让",
  "q=探矿权",
  "q=国有产权 转让",
  "q=药品 集中采购",
  "q=医用耗材 带量采购",
  "q=棚户区改造",
  "q=农村危房改造",
  "q=招标代理",
  "q=南京 保障性住房",
  "q=无锡 土地 成交",
  "q=gongzufang",
  "q=zhengcai",
  "q=工告",
  "q=公租防",
  "q=中票公告",
  "q=宁地2023",
  "q=JSZC",
  "q=E3204110202500135",
  "q=2308-320582-04-01-213092",
  "q=启东天和项目管理有限公司",
  "q=江苏省产权交易所",
  "q=土地&domain=land&region=320500",
  "q=采购&domain=procurement&region=320100",
  "domain=land&region=320500",
  "domain=housing",
  "region=320115",
  "catalog=H18",
  "q=公租房&sort=date",
  "q=招标&sort=date&size=20",
  "q=政府采购&page=2",
  "q=政府采购&page=3&size=5",
  "q=出让&from=2024-01-01&to=2024-12-31",
  "q=公告&from=2025-01-01",
  "q=中标&size=50",
  "q=苏州工业园区",
  "q=徐州 拆迁",
  "q=扬州 建设工程 招标",
  "q=住房保障 年度建设计划",
  "q=信息公开 目录",
  "q=2024年 预算",
];

// The platform's counting endpoints (issue #11), which read fast fields and postings of every
// document: 公开时效 statistics, the catalog, and below (names and codes taken from real hits)
// credit look-ups and project timelines.
export const PLATFORM = [
  "/v1/stats/timeliness?group=publisher",
  "/v1/stats/timeliness?group=domain",
  "/v1/stats/timeliness?group=region",
  "/v1/stats/timeliness?group=publisher&domain=procurement",
  "/v1/stats/timeliness?group=publisher&region=320500&from=2025-01-01",
  "/v1/catalog",
  "/v1/catalog?domain=land&region=320500",
  "/v1/entity?name=博远",
];

// Feeds link back to the server that answered: compared with the two base URLs set aside.
export const FEEDS = ["/v1/feed?q=公租房&format=json", "/v1/feed?q=政府采购&domain=procurement&format=atom"];

export const SUGGESTS = ["q=gong", "q=公", "q=苏州", "q=zhengcai", "q=国有", "q=gzf", "q=中标&size=3"];

// Errors: each must be JSON with this status, the same from the Worker and from edge-serve.
export const ERRORS = [
  { path: "/v1/search?q=公租房&size=0", status: 400 },
  { path: "/v1/search?q=公租房&size=51", status: 400 },
  { path: "/v1/search?q=公租房&size=abc", status: 400 },
  { path: "/v1/search?q=公租房&page=0", status: 400 },
  { path: "/v1/search?q=" + "长".repeat(201), status: 400 },
  { path: "/v1/search", status: 400 },
  { path: "/v1/search?q=x&domain=space", status: 400 },
  { path: "/v1/search?q=x&region=999999", status: 400 },
  { path: "/v1/search?q=x&sort=random", status: 400 },
  { path: "/v1/search?q=x&from=2024-13-45", status: 400 },
  { path: "/v1/suggest?q=" + "长".repeat(51), status: 400 },
  { path: "/v1/suggest?q=gong&size=0", status: 400 },
  { path: "/v1/doc/no-such-document", status: 404 },
  { path: "/v1/nothing", status: 404 },
  { path: "/nope", status: 404 },
  { path: "/v1/search?q=%E5%85%AC%", status: 200 },
  // Sent as written (not encoded again): a broken escape, half of 中, in the query and the path.
  { path: "/v1/search?q=%E5%85%AC%", status: 400, raw: true },
  { path: "/v1/search?q=%E5%85%AC&region=%E4%B8", status: 400, raw: true },
  { path: "/v1/doc/%E4%B8", status: 400, raw: true },
];
