// The enumerated values the API sends (identifiers from ../shared/GLOSSARY.md and migration
// 0001_registry.sql). Each value's label is the catalogue key "enum.<kind>.<value>";
// tests/browser/check_i18n.mjs imports this file to check every label exists in zh and en.

export const ENUMS = {
  category: ['registered_poor', 'co_relocated'],
  relocation_type: ['whole_village', 'scattered'],
  site_mode: ['county_town', 'township_seat', 'large_village', 'dispersed'],
  // Size class of a site by resident relocated persons (linxian-figures.md): >= 3000,
  // 800..2999, < 800 (keys of reports/county_report.h SizeClassKey).
  size_class: ['3000_plus', '800_2999', 'under_800'],
  sex: ['male', 'female'],
  relationship: ['head', 'spouse', 'child', 'daughter_in_law', 'son_in_law', 'grandchild',
                 'parent', 'sibling', 'other'],
  health: ['healthy', 'chronic_illness', 'serious_illness', 'disabled'],
  employment_kind: ['workshop', 'park', 'welfare_post', 'enterprise', 'migrant_work',
                    'self_employed', 'none'],
  // List filter on employment: employed (any kind but none) or not.
  employment_status: ['employed', 'unemployed'],
  // Education levels (文化程度), lowest first, and ethnic groups (民族, GB/T 3304-1991 order,
  // then 97 其他 and 98): the stored values, the same lists as registry::EducationLevels() and
  // registry::EthnicGroups() (registry_test WebLists checks it).
  education: ['学龄前', '文盲', '小学', '初中', '高中', '技工学校', '中专', '大专及以上'],
  ethnicity: ['汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族',
              '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族',
              '纳西族', '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族',
              '阿昌族', '普米族', '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族',
              '塔塔尔族', '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族', '其他', '外国血统中国籍人士'],
  role: ['county_admin', 'county_staff', 'township_staff', 'site_manager', 'grid_worker',
         'auditor', 'system'],
  // core/audit.h AuditEntry::action
  audit_action: ['create', 'update', 'delete', 'view_full', 'login', 'login_failed', 'logout',
                 'import', 'export', 'user_admin', 'demo'],
  yes_no: ['yes', 'no'],
  // The columns an import reads (importer/header.cc kFields, FieldName): the import page's
  // column mapping and preview headings.
  import_field: ['household_no', 'name', 'resident_id', 'relationship', 'sex', 'ethnicity',
                 'birth_date', 'phone', 'head_name', 'category', 'origin_village', 'site',
                 'building', 'entrance', 'room', 'move_in_date', 'grid', 'convention_signed',
                 'education', 'health', 'disability_grade', 'able_to_work', 'wants_work',
                 'employed', 'employment_kind', 'employer', 'relocation_type', 'floor_area_m2'],
};

/** Colour of each size class in charts and badges (also in app.css as .size-*). */
export const SIZE_CLASS_COLORS = { '3000_plus': '#b2382f', '800_2999': '#d98c1f', under_800: '#3a7ca5' };

/** Colours of the two household categories. */
export const CATEGORY_COLORS = { registered_poor: '#c0392b', co_relocated: '#2f6f9f' };
