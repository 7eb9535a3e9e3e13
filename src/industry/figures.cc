// The industry module's report figures (parks, workshops). Its descriptor's `figures`
// (src/industry/module.cc); compiled into anju_industry_module, which links anju_reports (see figures.h).
#include "industry/figures.h"

#include <optional>
#include <string>
#include <utility>

namespace anju::industry {

using namespace reports;  // FigureModule, FigureSpec, FigureUnit, FigureValue, CountyReport …

namespace {
// Plain-Chinese "how computed" per figure key (FigureSpec::how_zh).
const std::pair<const char*, const char*> kHowZh[] = {
      {"industry.parks",
       "已建成和拟建的产业园区个数；未录入园区时不统计"},
      {"industry.sites_with_workshop",
       "统计日前已开办（或未填开办日期）至少一个扶贫车间的安置点个数；未录入车间时不统计"},
      {"labor.jobs.workshop", "统计日在册的搬迁人口中，当天有在岗的“就业帮扶车间”渠道工作的人数（作废的不算）"},
      {"labor.jobs.park", "统计日在册的搬迁人口中，当天有在岗的“产业园区”渠道工作的人数（作废的不算）"},
      {"labor.jobs.welfare_post", "统计日在册的搬迁人口中，当天有在岗的“公益性岗位”渠道工作的人数（作废的不算）"},
      {"labor.jobs.enterprise", "统计日在册的搬迁人口中，当天有在岗的“企业务工”渠道工作的人数（作废的不算）"},
      {"labor.jobs.migrant_work", "统计日在册的搬迁人口中，当天有在岗的“外出务工”渠道工作的人数（作废的不算）"},
      {"labor.jobs.self_employed", "统计日在册的搬迁人口中，当天有在岗的“自主创业”渠道工作的人数（作废的不算）"},
      {"labor.jobs.flexible", "统计日在册的搬迁人口中，当天有在岗的“灵活就业”渠道工作的人数（作废的不算）"},
      {"labor.jobs.other", "统计日在册的搬迁人口中，当天有在岗的“其他”渠道工作的人数（作废的不算）"},
      {"industry.welfare_posts_held",
       "统计日在册的搬迁人口中，当天在公益性岗位上岗的人数（上岗时自动登记一份公益性岗位渠道的工作，离岗时结束）"},
      {"labor.zero_employment_open",
       "统计日的零就业家庭中，没有因“拒绝推荐”“失联”“不再具备劳动能力”等非就业原因销号（且销号仍在有效期内）的户数，即仍需跟进的户数"},
      {"industry.workshops_recognised",
       "统计日已认定为就业帮扶车间（或乡村就业工厂）、仍在经营，且当天在岗的搬迁户务工人数不少于设置中认定最少人数的车间个数"},
      {"industry.certificates_issued",
       "统计日及以前颁发、未作废的培训和技能证书本数（持证人所在户当天在册）"},
      {"industry.certificates_issued.training", "其中培训合格证的本数（统计日及以前颁发、未作废，持证人所在户当天在册）"},
      {"industry.certificates_issued.skill_level", "其中职业技能等级证书的本数（统计日及以前颁发、未作废，持证人所在户当天在册）"},
      {"industry.certificates_issued.qualification", "其中职业资格证书的本数（统计日及以前颁发、未作废，持证人所在户当天在册）"},
      {"industry.certificates_issued.special", "其中专项职业能力证书的本数（统计日及以前颁发、未作废，持证人所在户当天在册）"},
};

// industry.certificates_issued.<kind>: labels per kCertificateKinds entry (English, Chinese).
const std::pair<const char*, const char*> kCertificateLabels[] = {
    {"Training certificates", "培训合格证"},
    {"Skill-level certificates", "职业技能等级证书"},
    {"Vocational qualification certificates", "职业资格证书"},
    {"Special-skill certificates", "专项职业能力证书"}};

// labor.jobs.<channel>: labels per kJobChannels entry (English, Chinese).
const std::pair<const char*, const char*> kChannelLabels[] = {
    {"workshop", "就业帮扶车间"}, {"park", "产业园区"},          {"welfare_post", "公益性岗位"},
    {"enterprise", "企业务工"},   {"migrant_work", "外出务工"}, {"self_employed", "自主创业"},
    {"flexible", "灵活就业"},     {"other", "其他"}};

FigureValue Optional(std::optional<int64_t> v) { return FigureValue{v, std::nullopt, {}}; }
}  // namespace

FigureModule Figures() {
  FigureModule m;
  m.sections = {{"industry", "Industry", "后续产业", 40}};
  m.figures = {
      {"industry.parks", "industry", FigureUnit::kParks, "Industrial parks (built and planned)",
       "产业园区（含拟建）", "every row of parks (status built or planned); null while parks is empty",
       {"parks", "parks.total"},
       [](const CountyReport& r) { return FigureValue{r.industry.parks, std::nullopt, {}}; }},
      {"industry.sites_with_workshop", "industry", FigureUnit::kSites,
       "Sites with a poverty-alleviation workshop", "配套扶贫车间的安置点",
       "sites with at least one workshops row opened on or before as_of (or with no opening "
       "date); null while workshops is empty",
       {"sites", "sites.with_workshop"},
       [](const CountyReport& r) {
         return FigureValue{r.industry.sites_with_workshop, std::nullopt, {}};
       }},
      {"industry.welfare_posts_held", "industry", FigureUnit::kPersons,
       "Public-welfare posts held", "在岗公益性岗位人数",
       "counted persons with a current, not voided job of channel welfare_post on as_of (a post "
       "holding makes that job and ends it with the holding); null without jobs",
       {"persons", "persons.welfare_post"},
       [](const CountyReport& r) { return Optional(r.industry.welfare_posts_held); }},
  };
  // labor.jobs.<channel>, in kJobChannels order (docs/industry.md "Figures").
  for (size_t c = 0; c < kJobChannels.size(); ++c) {
    const auto& [channel, zh] = kChannelLabels[c];
    m.figures.push_back(
        {std::string("labor.jobs.") + channel, "labor", FigureUnit::kPersons,
         std::string("Employed through channel ") + channel, std::string("其中") + zh,
         std::string("counted persons with a current, not voided job of channel ") + channel +
             " on as_of (a person with jobs of two channels counts in both); null without jobs",
         {"persons", std::string("persons.job_channel.") + channel},
         [c](const CountyReport& r) {
           return Optional(r.labor.jobs_by_channel ? std::optional<int64_t>((*r.labor.jobs_by_channel)[c])
                                                   : std::nullopt);
         }});
  }
  m.figures.push_back(
      {"labor.zero_employment_open", "labor", FigureUnit::kHouseholds,
       "Zero-employment households still open", "零就业家庭（未销号）",
       "of labor.zero_employment_households, those without a zero_employment_clearings row for a "
       "non-employment reason (reason other than employed) valid on as_of (cleared_on <= as_of, "
       "valid_until null or later); null without that table",
       {"households", "households.zero_employment_open"},
       [](const CountyReport& r) { return Optional(r.labor.zero_employment_open); }});
  m.figures.push_back(
      {"industry.workshops_recognised", "industry", FigureUnit::kWorkshops,
       "Workshops recognised (employment-assistance workshops)", "认定的就业帮扶车间",
       "workshops of the report's sites recognised on as_of (recognised_on <= as_of, open) with at "
       "least workshop.recognition_min_workers relocated workers holding a current job there "
       "(the places area's rule, industry::EvaluateRecognition); null while workshops is empty",
       {"workshops", "workshops.recognised"},
       [](const CountyReport& r) { return Optional(r.industry.workshops_recognised); }});
  m.figures.push_back(
      {"industry.certificates_issued", "industry", FigureUnit::kCertificates, "Training certificates issued",
       "颁发培训和技能证书",
       "training_certificates issued on or before as_of and not voided whose holder's household "
       "(persons.household_id) is counted on as_of; null without that table",
       {"certificates", "certificates.issued"},
       [](const CountyReport& r) { return Optional(r.industry.certificates_issued); }});
  // industry.certificates_issued.<kind>, in kCertificateKinds order.
  for (size_t k = 0; k < kCertificateKinds.size(); ++k) {
    const std::string kind = kCertificateKinds[k];
    m.figures.push_back(
        {"industry.certificates_issued." + kind, "industry", FigureUnit::kCertificates,
         std::string("of which ") + kCertificateLabels[k].first, std::string("其中") + kCertificateLabels[k].second,
         "industry.certificates_issued of kind " + kind,
         {"certificates", "certificates.kind." + kind},
         [k](const CountyReport& r) {
           return Optional(r.industry.certificates_by_kind
                               ? std::optional<int64_t>((*r.industry.certificates_by_kind)[k])
                               : std::nullopt);
         }});
  }
  SetHowZh(m, kHowZh);
  return m;
}

}  // namespace anju::industry
