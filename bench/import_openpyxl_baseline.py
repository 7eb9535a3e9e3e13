#!/usr/bin/python3
"""Baseline for bench/run_import.sh: the obvious Python import of an `anju export persons` xlsx.

openpyxl in read-only mode streams the rows; each row's household is inserted the first time
its number is seen (villages, sites and housing units looked up by name in dicts loaded once),
then the person; one transaction, like anju's. No cleaning beyond what the inserts need.
Usage: import_openpyxl_baseline.py FILE.xlsx DB
"""
import datetime
import sqlite3
import sys

import openpyxl

REL = {"户主": "head", "配偶": "spouse", "子女": "child", "儿媳": "daughter_in_law", "女婿": "son_in_law",
       "孙子女": "grandchild", "父母": "parent", "兄弟姐妹": "sibling", "其他": "other"}
CAT = {"建档立卡": "registered_poor", "同步搬迁": "co_relocated"}
EMP = {"扶贫车间": "workshop", "产业园区": "park", "公益岗位": "welfare_post", "企业": "enterprise",
       "外出务工": "migrant_work", "自主创业": "self_employed", "未就业": "none"}
HEALTH = {"健康": "healthy", "慢性病": "chronic_illness", "大病": "serious_illness", "残疾": "disabled"}


def iso(v):
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.strftime("%Y-%m-%d")
    return v


def main(path, db_path):
    db = sqlite3.connect(db_path)
    villages = {}
    for vid, name, town in db.execute(
            "SELECT v.id, v.name, d.name FROM origin_villages v LEFT JOIN divisions d ON d.code = v.township_code"):
        villages[name] = vid
        villages[f"{town}/{name}"] = vid
    sites = {name: sid for sid, name in db.execute("SELECT id, name FROM sites")}
    units = {(s, b, e, r): uid for uid, s, b, e, r in db.execute(
        "SELECT id, site_id, building, entrance, room FROM housing_units")}
    grids = {(s, n): gid for gid, s, n in db.execute("SELECT id, site_id, name FROM grids")}
    households = {}
    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    # Columns by their header (the export added 搬迁类型 and 住房面积, which this baseline, like
    # the registry rows it inserts, does not need: villages and units exist already).
    header = list(next(rows))
    want = ["户编号", "姓名", "公民身份号码", "与户主关系", "性别", "出生日期", "民族", "联系电话", "人口类别", "迁出村",
            "安置点", "楼栋", "单元", "房号", "入住日期", "网格", "签订居民公约", "文化程度", "健康状况", "残疾等级",
            "有劳动能力", "有就业意愿", "就业方式", "就业单位"]
    pos = [header.index(h) for h in want]
    db.execute("BEGIN")
    for r in rows:
        (hno, name, rid, rel, sex, birth, eth, phone, cat, village, site, bld, ent, room, movein, grid, conv,
         edu, health, grade, able, wants, emp, employer) = [r[i] if i < len(r) else None for i in pos]
        if hno not in households:
            sid = sites[site]
            cur = db.execute(
                "INSERT INTO households (household_no, category, origin_village_id, site_id, housing_unit_id, "
                "grid_id, move_in_date, convention_signed) VALUES (?,?,?,?,?,?,?,?)",
                (hno, CAT[cat], villages[village], sid, units.get((sid, bld, ent, room)), grids.get((sid, grid)),
                 iso(movein), 1 if conv == "是" else 0))
            households[hno] = cur.lastrowid
        db.execute(
            "INSERT INTO persons (household_id, resident_id, name, sex, birth_date, relationship, ethnicity, phone, "
            "education, health, disability_grade, able_to_work, wants_work, employment_kind, employer) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (households[hno], rid, name, "male" if sex == "男" else "female", iso(birth), REL[rel], eth, phone,
             edu, HEALTH.get(health), grade, 1 if able == "是" else 0, 1 if wants == "是" else 0, EMP.get(emp, "none"),
             employer))
    db.commit()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
