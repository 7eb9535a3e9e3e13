#include "industry/workshop_table.h"

namespace anju::industry {

// Columns are those of the existing table (src/storage/migrations/0001_registry.sql): the
// ledger's other columns (operating enterprise, closed date, jobs — see
// /work/shared/reference/programme-facts.md §1.5) need a migration of the industry module and
// are added with it. Header synonyms are the words county ledgers use for each column.
const importer::TableSpec& WorkshopTableSpec() {
  using importer::CodeChoice;
  using importer::ColumnSpec;
  using importer::ColumnType;
  static const importer::TableSpec* spec = [] {
    auto* s = new importer::TableSpec;
    s->table = "workshops";
    s->entity = "workshop";
    s->title_zh = "扶贫车间台账";
    s->title_en = "the workshops ledger";
    ColumnSpec site;
    site.name = "site_id";
    site.type = ColumnType::kSite;
    site.required = true;
    site.header_zh = "安置点";
    site.header_en = "site";
    site.synonyms = {"安置点名称", "所在安置点", "安置小区", "安置区", "所属安置点", "集中安置点"};
    ColumnSpec name;
    name.name = "name";
    name.type = ColumnType::kText;
    name.required = true;
    name.header_zh = "车间名称";
    name.header_en = "workshop";
    name.synonyms = {"扶贫车间名称", "就业帮扶车间名称", "帮扶车间名称", "扶贫车间", "就业帮扶车间", "车间", "workshop name"};
    name.max_chars = 100;
    ColumnSpec kind;
    kind.name = "kind";
    kind.type = ColumnType::kCodeList;
    kind.header_zh = "产品类型";
    kind.header_en = "kind";
    kind.synonyms = {"车间类型", "主要产品", "产品", "生产产品", "加工产品", "行业类别", "产业类型"};
    // The kinds the registry holds (registry/demo_generator.cc kWorkshopKinds).
    kind.codes = {
        CodeChoice{"small_appliance", "小家电加工", {"小家电", "家电加工", "小家电组装"}},
        CodeChoice{"garment", "服装加工", {"服装", "制衣", "服装厂"}},
        CodeChoice{"luggage", "箱包加工", {"箱包"}},
        CodeChoice{"electronics_assembly", "电子组装", {"电子", "电子产品组装", "电子元件"}},
        CodeChoice{"handicraft", "手工艺品", {"手工艺", "手工", "工艺品"}},
        CodeChoice{"food_processing", "食品加工", {"食品", "农产品加工"}},
        CodeChoice{"motor_assembly", "电机组装", {"电机"}},
        CodeChoice{"small_fan_assembly", "小风扇组装", {"风扇", "小风扇"}},
    };
    ColumnSpec opened;
    opened.name = "opened_on";
    opened.type = ColumnType::kDate;
    opened.header_zh = "投产日期";
    opened.header_en = "opened on";
    opened.synonyms = {"开办日期", "开工日期", "建成投产时间", "投产时间", "开办时间", "成立日期", "建成时间", "opened"};
    ColumnSpec rent;
    rent.name = "rent_free_years";
    rent.type = ColumnType::kInt;
    rent.header_zh = "免租年限";
    rent.header_en = "rent-free years";
    rent.synonyms = {"免租期", "免租年数", "免租期限"};
    // A plausibility bound, not the policy (the county's ten policies give 3–5 years).
    rent.min_value = 0;
    rent.max_value = 20;
    s->columns = {site, name, kind, opened, rent};
    s->key = {"site_id", "name"};
    s->scope_column = "site_id";
    return s;
  }();
  return *spec;
}

}  // namespace anju::industry
