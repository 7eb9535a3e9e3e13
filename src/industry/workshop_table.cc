#include "industry/workshop_table.h"

namespace anju::industry {

// Columns: those of the baseline (industry 0001) and, since industry 0003, the operating
// enterprise, products, type, closing day and reason, incentive terms and recognition (all
// optional headers, so a ledger of the first five columns still imports). Header synonyms are
// the words county ledgers use for each column. Workers are not a column: they are jobs.
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
    auto text = [](std::string col, std::string zh, std::string en, std::vector<std::string> syn, size_t max) {
      ColumnSpec c;
      c.name = std::move(col);
      c.type = ColumnType::kText;
      c.header_zh = std::move(zh);
      c.header_en = std::move(en);
      c.synonyms = std::move(syn);
      c.max_chars = max;
      return c;
    };
    ColumnSpec enterprise = text("enterprise", "经营主体", "enterprise", {"运营企业", "经营企业", "入驻企业", "企业名称", "运营主体"}, 100);
    ColumnSpec products = text("products", "产品名称", "products", {"生产内容", "产品明细", "具体产品"}, 200);
    ColumnSpec type;
    type.name = "type";
    type.type = ColumnType::kCodeList;
    type.header_zh = "车间类别";
    type.header_en = "type";
    type.synonyms = {"车间形式", "帮扶车间类型", "类别"};
    // The five types of 就业帮扶车间 (programme-facts §1.5).
    type.codes = {
        CodeChoice{"factory", "厂房式", {"厂房"}},
        CodeChoice{"home", "居家式", {"居家", "家庭式"}},
        CodeChoice{"farming", "种养式", {"种养", "种植养殖"}},
        CodeChoice{"trade", "贸易流通式", {"贸易流通", "贸易"}},
        CodeChoice{"tourism", "文化旅游式", {"文化旅游", "文旅"}},
    };
    ColumnSpec closed;
    closed.name = "closed_on";
    closed.type = ColumnType::kDate;
    closed.header_zh = "关闭日期";
    closed.header_en = "closed on";
    closed.synonyms = {"停产日期", "关停日期", "closed"};
    ColumnSpec close_reason = text("close_reason", "关闭原因", "close reason", {"停产原因", "关停原因"}, 200);
    ColumnSpec subsidy;
    subsidy.name = "subsidy_fen";
    subsidy.type = ColumnType::kMoneyFen;
    subsidy.header_zh = "补贴金额";
    subsidy.header_en = "subsidies";
    subsidy.synonyms = {"奖补资金", "补助金额", "扶持资金", "补贴(元)"};
    subsidy.min_value = 0;
    ColumnSpec incentive = text("incentive_note", "优惠政策", "incentive terms", {"享受政策", "优惠政策内容", "十项优惠政策"}, 500);
    ColumnSpec recognised;
    recognised.name = "recognised_on";
    recognised.type = ColumnType::kDate;
    recognised.header_zh = "认定日期";
    recognised.header_en = "recognised on";
    recognised.synonyms = {"挂牌日期", "认定时间"};
    ColumnSpec level;
    level.name = "level";
    level.type = ColumnType::kCodeList;
    level.header_zh = "认定级别";
    level.header_en = "level";
    level.synonyms = {"认定类型", "车间级别"};
    level.codes = {
        CodeChoice{"workshop", "就业帮扶车间", {"帮扶车间", "扶贫车间", "车间"}},
        CodeChoice{"factory", "乡村就业工厂", {"就业工厂"}},
    };
    s->columns = {site, name, kind, opened, rent, enterprise, products, type, closed, close_reason,
                  subsidy, incentive, recognised, level};
    s->key = {"site_id", "name"};
    s->scope_column = "site_id";
    return s;
  }();
  return *spec;
}

}  // namespace anju::industry
