#include "auth/auth_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "auth/audit_service.h"
#include "auth/hardening.h"
#include "auth/json_text.h"
#include "auth/token.h"

namespace anju::auth {

AccessScope::Level ScopeLevelFor(Role role) {
  switch (role) {
    case Role::kTownshipStaff: return AccessScope::Level::kTownship;
    case Role::kSiteManager: return AccessScope::Level::kSite;
    case Role::kGridWorker: return AccessScope::Level::kGrid;
    case Role::kCadre: return AccessScope::Level::kAssigned;
    default: return AccessScope::Level::kCounty;
  }
}

Result<std::string> NormalizeUsername(std::string_view raw) {
  std::string u;
  for (char c : raw) u += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool ok = u.size() >= 3 && u.size() <= 32 && u[0] >= 'a' && u[0] <= 'z';
  for (char c : u)
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
                c == '-');
  if (!ok)
    return InvalidArgument(
        "a username has 3-32 characters of a-z, 0-9, '_', '.', '-' and starts with a letter "
        "(put the person's name in --display-name)",
        "username", std::string(raw.substr(0, 40)), "用户名须为 3-32 位小写字母、数字或 _ . -，以字母开头");
  return u;
}

namespace {

// The audit pair of a grant's linked cadre record (users.cadre_id, 0 = none), only when it
// changes: `,"cadre_id":[old,new]` (null for none), else "" (audit entries list what changed).
std::string CadreChange(int64_t before, int64_t after) {
  if (before == after) return "";
  auto v = [](int64_t id) { return id == 0 ? std::string("null") : std::to_string(id); };
  return fmt::format(R"(,"cadre_id":[{},{}])", v(before), v(after));
}


// Masks a typed username that matched no account: people sometimes type a password there.
std::string MaskTyped(std::string_view typed) {
  std::string out(typed.substr(0, std::min<size_t>(2, typed.size())));
  return out + "***";
}

UserInfo ToInfo(const UserRecord& r) {
  UserInfo u;
  u.id = r.id;
  u.username = r.username;
  u.display_name = r.display_name;
  u.role = r.role;
  u.scope = r.scope;
  u.cadre_id = r.cadre_id;
  u.must_change_password = r.must_change_password;
  u.disabled = r.disabled;
  u.is_demo = r.is_demo;
  u.version = r.version;
  u.created_at = r.created_at;
  u.updated_at = r.updated_at;
  return u;
}

Actor ActorOf(const UserRecord& u, std::string_view client) {
  Actor a;
  a.user_id = u.id;
  a.username = u.username;
  a.role = u.role;
  a.scope = u.scope;
  a.client = std::string(client);
  return a;
}

std::string ScopeJson(const AccessScope& s) { return JsonString(DescribeScope(s)); }

}  // namespace

AuthService::AuthService(AuthRepository& repo, AuthOptions options)
    : repo_(repo), opts_(std::move(options)) {
  (void)Init();
}

int64_t AuthService::Now() const {
  if (opts_.now) return opts_.now();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void AuthService::Log(std::string_view line) const {
  if (opts_.log) opts_.log(MaskPersonalText(line));
}

Status AuthService::Throttled(std::string_view uhash, std::string_view client, int64_t now) {
  int64_t window = opts_.failure_window.count();
  auto c = repo_.CountFailures(uhash, client, now - window + 1);
  if (!c) return std::unexpected(c.error());
  int64_t wait = 0;
  if (c->account >= opts_.max_failures_per_account)
    wait = std::max(wait, c->account_oldest + window - now);
  if (c->client >= opts_.max_failures_per_client)
    wait = std::max(wait, c->client_oldest + window - now);
  if (wait <= 0) return {};
  int64_t minutes = (wait + 59) / 60;
  Error e;
  e.code = ErrorCode::kResourceExhausted;
  e.message = fmt::format("too many failed logins; try again in {} min", minutes);
  e.message_zh = fmt::format("登录失败次数过多，请 {} 分钟后再试", minutes);
  e.field = "retry_after_seconds";
  e.value = std::to_string(wait);
  return std::unexpected(e);
}

Status AuthService::RecordFailedLogin(const std::optional<UserRecord>& user,
                                      std::string_view typed, std::string_view uhash,
                                      std::string_view client, std::string_view reason) {
  Actor who;
  who.client = std::string(client);
  AuditEntry e;
  e.action = "login_failed";
  e.entity = "user";
  if (user) {
    who = ActorOf(*user, client);
    e.entity_id = std::to_string(user->id);
    e.changes = fmt::format(R"({{"reason":{}}})", JsonString(reason));
  } else {
    who.username = "(unknown)";
    who.role = Role::kSystem;
    e.changes = fmt::format(R"({{"reason":{},"username":{}}})", JsonString(reason),
                            JsonString(MaskTyped(typed)));
  }
  e.source = "login";
  Log(fmt::format("login failed user={} client={} reason={}",
                  user ? user->username : MaskTyped(typed), client, reason));
  if (reason == "throttled") return repo_.AppendAudit(who, e);
  return repo_.RecordFailure(uhash, client, Now(), who, e);
}

Result<Session> AuthService::Login(std::string_view username, std::string_view password,
                                   std::string_view client) {
  if (username.empty() || password.empty())
    return InvalidArgument("username and password are required",
                           username.empty() ? "username" : "password", "",
                           "请输入用户名和密码");
  if (username.size() > 256 || password.size() > 256)
    return InvalidArgument("username or password longer than 256 bytes", "password", "",
                           "用户名或密码过长");
  std::string typed;
  for (char c : username) typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string uhash = TokenHash(typed);
  int64_t now = Now();
  (void)repo_.DeleteExpiredSessions(now, opts_.idle_timeout.count());

  auto found = repo_.FindUserByName(typed);
  if (!found) return std::unexpected(found.error());
  if (auto t = Throttled(uhash, client, now); !t) {
    if (auto s = RecordFailedLogin(*found, typed, uhash, client, "throttled"); !s)
      return std::unexpected(s.error());
    return std::unexpected(t.error());
  }
  auto wrong = [] {
    return Unauthenticated("wrong username or password", "用户名或密码错误");
  };
  if (!*found) {
    if (dummy_hash_.empty()) {
      auto h = HashPassword("anju-timing-equaliser", opts_.hash);
      if (h) dummy_hash_ = *h;
    }
    (void)VerifyPassword(password, dummy_hash_);
    if (auto s = RecordFailedLogin(std::nullopt, typed, uhash, client, "unknown_user"); !s)
      return std::unexpected(s.error());
    return wrong();
  }
  UserRecord user = **found;
  bool ok = VerifyPassword(password, user.password_hash);
  if (!ok || user.disabled) {
    if (auto s = RecordFailedLogin(user, typed, uhash, client,
                                   ok ? "disabled" : "wrong_password");
        !s)
      return std::unexpected(s.error());
    return wrong();
  }
  if (NeedsRehash(user.password_hash, opts_.hash)) {
    if (auto h = HashPassword(password, opts_.hash)) {
      UserRecord up = user;
      up.password_hash = *h;
      AuditEntry e{"update", "user", std::to_string(user.id), R"({"password":"rehashed"})",
                   "login: password hash upgraded to the current argon2id parameters"};
      if (repo_.UpdateUser(up, false, 0, ActorOf(user, client), e)) ++user.version;
    }
  }

  Session s;
  s.token = NewToken();
  s.csrf_token = NewToken();
  s.user_id = user.id;
  s.username = user.username;
  s.display_name = user.display_name;
  s.role = user.role;
  s.scope = user.scope;
  s.must_change_password = user.must_change_password;
  s.absolute_expires_at = now + opts_.absolute_timeout.count();
  s.expires_at = std::min(now + opts_.idle_timeout.count(), s.absolute_expires_at);
  SessionRecord rec;
  rec.user_id = user.id;
  rec.csrf_token = s.csrf_token;
  rec.client = std::string(client);
  rec.created_at = now;
  rec.last_seen_at = now;
  rec.absolute_expires_at = s.absolute_expires_at;
  AuditEntry e{"login", "session", "",
               user.must_change_password ? R"({"must_change_password":true})" : "{}", "login"};
  auto id = repo_.InsertSession(rec, TokenHash(s.token), uhash, ActorOf(user, client), e);
  if (!id) return std::unexpected(id.error());
  Log(fmt::format("login ok user={} client={} session={}", user.username, client, *id));
  return s;
}

Result<std::pair<SessionRecord, UserRecord>> AuthService::LiveSession(std::string_view token) {
  auto none = [] {
    return Unauthenticated("not logged in, or the session has expired; log in again",
                           "未登录或会话已过期，请重新登录");
  };
  if (!LooksLikeToken(token)) return none();
  // One read for both (every authenticated request comes here).
  auto found = repo_.FindSessionAndUser(TokenHash(token));
  if (!found) return std::unexpected(found.error());
  if (!*found) return none();
  auto& [s, user] = **found;
  int64_t now = Now();
  if (now >= s.absolute_expires_at || now >= s.last_seen_at + opts_.idle_timeout.count()) {
    (void)repo_.DeleteSession(s.id, Actor{}, std::nullopt);
    return none();
  }
  if (!user || user->disabled) {
    (void)repo_.DeleteSession(s.id, Actor{}, std::nullopt);
    return none();
  }
  return std::make_pair(std::move(s), std::move(*user));
}

Result<Actor> AuthService::Authenticate(std::string_view token, std::string_view client) {
  auto live = LiveSession(token);
  if (!live) return std::unexpected(live.error());
  const auto& [sess, user] = *live;
  if (user.must_change_password) {
    Error e;
    e.code = ErrorCode::kPermissionDenied;
    e.message = "change your one-time password first";
    e.message_zh = "请先修改一次性密码";
    e.field = "must_change_password";
    return std::unexpected(e);
  }
  int64_t now = Now();
  if (now - sess.last_seen_at >= opts_.touch_interval.count()) {
    if (auto t = repo_.TouchSession(sess.id, now, client); !t) return std::unexpected(t.error());
  }
  return ActorOf(user, client);
}

Result<Session> AuthService::GetSession(std::string_view token, std::string_view client) {
  auto live = LiveSession(token);
  if (!live) return std::unexpected(live.error());
  const auto& [sess, user] = *live;
  int64_t now = Now();
  int64_t last_seen = sess.last_seen_at;
  if (now - sess.last_seen_at >= opts_.touch_interval.count()) {
    if (auto t = repo_.TouchSession(sess.id, now, client); !t) return std::unexpected(t.error());
    last_seen = now;
  }
  Session s;
  s.csrf_token = sess.csrf_token;
  s.user_id = user.id;
  s.username = user.username;
  s.display_name = user.display_name;
  s.role = user.role;
  s.scope = user.scope;
  s.must_change_password = user.must_change_password;
  s.absolute_expires_at = sess.absolute_expires_at;
  s.expires_at = std::min(last_seen + opts_.idle_timeout.count(), sess.absolute_expires_at);
  return s;
}

Status AuthService::CheckCsrf(const Session& session, std::string_view header_value) {
  if (header_value.empty())
    return PermissionDenied("missing X-CSRF-Token header on a state-changing request",
                            "缺少 X-CSRF-Token 请求头");
  if (session.csrf_token.empty() || !ConstantTimeEquals(session.csrf_token, header_value))
    return PermissionDenied("wrong X-CSRF-Token header; reload the page and log in again",
                            "X-CSRF-Token 不正确，请刷新页面后重新登录");
  return {};
}

Status AuthService::CheckCsrf(std::string_view token, std::string_view header_value) {
  auto live = LiveSession(token);
  if (!live) return std::unexpected(live.error());
  Session s;
  s.csrf_token = live->first.csrf_token;
  return CheckCsrf(s, header_value);
}

Status AuthService::Logout(std::string_view token, std::string_view client) {
  if (!LooksLikeToken(token)) return {};
  auto found = repo_.FindSession(TokenHash(token));
  if (!found) return std::unexpected(found.error());
  if (!*found) return {};
  auto user = repo_.FindUserById((*found)->user_id);
  if (!user) return std::unexpected(user.error());
  Actor who = *user ? ActorOf(**user, client) : Actor{};
  who.client = std::string(client);
  AuditEntry e{"logout", "session", std::to_string((*found)->id), "{}", "logout"};
  if (auto s = repo_.DeleteSession((*found)->id, who, e); !s) return s;
  Log(fmt::format("logout user={} client={} session={}", who.username, client, (*found)->id));
  return {};
}

Result<Session> AuthService::ChangePassword(std::string_view token, std::string_view client,
                                            std::string_view old_password,
                                            std::string_view new_password) {
  auto live = LiveSession(token);
  if (!live) return std::unexpected(live.error());
  auto [sess, user] = *live;
  std::string uhash = TokenHash(user.username);
  int64_t now = Now();
  if (auto t = Throttled(uhash, client, now); !t) return std::unexpected(t.error());
  if (old_password.size() > 256 || !VerifyPassword(old_password, user.password_hash)) {
    if (auto s = RecordFailedLogin(user, user.username, uhash, client, "wrong_old_password"); !s)
      return std::unexpected(s.error());
    return InvalidArgument("the current password is wrong", "current_password", "",
                           "当前密码不正确");
  }
  if (old_password == new_password)
    return InvalidArgument("the new password must differ from the current one", "new_password",
                           "", "新密码不能与当前密码相同");
  if (auto r = CheckPasswordRules(user.username, new_password); !r) {
    Error e = r.error();
    e.field = "new_password";
    return std::unexpected(e);
  }
  auto h = HashPassword(new_password, opts_.hash);
  if (!h) return std::unexpected(h.error());
  bool was_one_time = user.must_change_password;
  user.password_hash = *h;
  user.must_change_password = false;
  AuditEntry e{"update", "user", std::to_string(user.id),
               was_one_time ? R"({"password":"changed","must_change_password":[true,false]})"
                            : R"({"password":"changed"})",
               "password change by the user"};
  Session s;
  s.token = NewToken();
  s.csrf_token = NewToken();
  if (auto r = repo_.UpdateUserRotatingSession(user, sess.id, TokenHash(s.token), s.csrf_token,
                                               ActorOf(user, client), e);
      !r)
    return std::unexpected(r.error());
  Log(fmt::format("password changed user={} client={} session={} (token rotated)", user.username,
                  client, sess.id));
  s.user_id = user.id;
  s.username = user.username;
  s.display_name = user.display_name;
  s.role = user.role;
  s.scope = user.scope;
  s.must_change_password = false;
  s.absolute_expires_at = sess.absolute_expires_at;
  s.expires_at = std::min(std::max(now, sess.last_seen_at) + opts_.idle_timeout.count(),
                          sess.absolute_expires_at);
  return s;
}

// ---------------------------------------------------------------- user administration

static Status RequireAdmin(const Actor& actor) {
  if (!actor.CanManageUsers())
    return PermissionDenied("only a county_admin may manage user accounts",
                            "只有县级管理员可以管理用户");
  return {};
}

// Display names: at most 64 characters, no control characters (they reach lists and logs).
static Status CheckDisplayName(std::string_view name) {
  size_t chars = 0;
  for (unsigned char c : name) {
    if ((c & 0xC0) != 0x80) ++chars;
    if (c < 0x20 || c == 0x7f)
      return InvalidArgument("a display name may not contain control characters (line breaks, tabs)",
                             "display_name", std::string(name.substr(0, 64)),
                             "显示名称不能包含换行、制表符等控制字符");
  }
  if (chars > 64)
    return InvalidArgument("a display name has at most 64 characters", "display_name",
                           std::string(name.substr(0, 64)), "显示名称最多 64 个字符");
  return {};
}

// An administrator may not lock themself out (disable or demote their own account).
static Status CheckNotSelfLockout(const Actor& actor, const UserRecord& u,
                                  std::optional<bool> disabled, std::optional<Role> role) {
  if (actor.user_id == 0 || actor.user_id != u.id) return {};
  if (disabled && *disabled)
    return InvalidArgument("you cannot disable your own account", "username", u.username,
                           "不能停用自己的账户");
  if (role && *role != Role::kCountyAdmin)
    return InvalidArgument("you cannot take your own county_admin role away", "role",
                           std::string(RoleName(*role)), "不能撤销自己的管理员角色");
  return {};
}

Result<AccessScope> AuthService::ResolveGrant(const Grant& g) {
  if (g.role == Role::kSystem)
    return InvalidArgument("role system is not for accounts", "role", "system", "不能授予 system 角色");
  AccessScope s;
  s.level = ScopeLevelFor(g.role);
  std::string role(RoleName(g.role));
  auto unexpected_field = [&](std::string field, std::string value) {
    return InvalidArgument(fmt::format("role {} does not take a {}; its scope is {}", role, field,
                                       s.level == AccessScope::Level::kCounty
                                           ? "the whole county"
                                           : "given by its own option"),
                           field, value, "该角色不需要此范围参数");
  };
  if (s.level != AccessScope::Level::kTownship && !g.township_code.empty())
    return unexpected_field("township", g.township_code);
  if (s.level != AccessScope::Level::kSite && !g.site.empty()) return unexpected_field("site", g.site);
  if (s.level != AccessScope::Level::kGrid && g.grid_id != 0)
    return unexpected_field("grid", std::to_string(g.grid_id));
  switch (s.level) {
    case AccessScope::Level::kCounty: break;
    case AccessScope::Level::kTownship: {
      bool shape = g.township_code.size() == 9 &&
                   std::all_of(g.township_code.begin(), g.township_code.end(),
                               [](char c) { return c >= '0' && c <= '9'; });
      auto exists = shape ? repo_.TownshipExists(g.township_code) : Result<bool>(false);
      if (!exists) return std::unexpected(exists.error());
      if (!*exists)
        return InvalidArgument(
            "township_staff needs the 9-digit division code of a township of the county (e.g. "
            "141124100 for 临泉镇; list them with `sqlite3 DB \"select code,name from divisions "
            "where level='township'\"`)",
            "township", g.township_code, "乡镇代码不存在（9 位统计用区划代码）");
      s.township_code = g.township_code;
      break;
    }
    case AccessScope::Level::kSite: {
      if (g.site.empty())
        return InvalidArgument("site_manager needs a site (its id or name, e.g. 城北安置点)", "site",
                               "", "请指定安置点");
      bool numeric = std::all_of(g.site.begin(), g.site.end(),
                                 [](char c) { return c >= '0' && c <= '9'; });
      std::optional<int64_t> id;
      if (numeric && g.site.size() < 12) {
        auto ok = repo_.SiteExists(std::stoll(g.site));
        if (!ok) return std::unexpected(ok.error());
        if (*ok) id = std::stoll(g.site);
      } else {
        auto byname = repo_.SiteIdByName(g.site);
        if (!byname) return std::unexpected(byname.error());
        id = *byname;
      }
      if (!id)
        return InvalidArgument("no such resettlement site; give a site id or name from `sites`",
                               "site", g.site, "安置点不存在");
      s.site_id = *id;
      break;
    }
    case AccessScope::Level::kGrid: {
      auto site = g.grid_id > 0 ? repo_.SiteOfGrid(g.grid_id)
                                : Result<std::optional<int64_t>>(std::nullopt);
      if (!site) return std::unexpected(site.error());
      if (!*site)
        return InvalidArgument("grid_worker needs the id of an existing grid (table grids)",
                               "grid", std::to_string(g.grid_id), "网格不存在");
      s.grid_id = g.grid_id;
      s.site_id = 0;
      break;
    }
    case AccessScope::Level::kAssigned: break;  // the cadre link below
  }
  // The cadre link (docs/casework.md "Roles"): required for the cadre role, optional otherwise.
  if (g.role == Role::kCadre && g.cadre_id == 0)
    return InvalidArgument("role cadre needs the cadre record it acts for (cadre_id; list them "
                           "with `anju cadres list`)",
                           "cadre", "", "帮扶责任人账户须关联帮扶责任人（cadre_id）");
  if (g.cadre_id != 0) {
    auto exists = g.cadre_id > 0 ? repo_.CadreExists(g.cadre_id) : Result<bool>(false);
    if (!exists) return std::unexpected(exists.error());
    if (!*exists)
      return InvalidArgument("no such cadre (帮扶责任人) or the record has ended; see `anju cadres list`",
                             "cadre", std::to_string(g.cadre_id), "帮扶责任人不存在或已停用");
  }
  return s;
}

Result<UserRecord> AuthService::LoadUserForAdmin(const Actor& actor, std::string_view username) {
  if (auto a = RequireAdmin(actor); !a) return std::unexpected(a.error());
  return LoadUser(username);
}

Result<UserRecord> AuthService::LoadUser(std::string_view username) {
  std::string u;
  for (char c : username) u += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto found = repo_.FindUserByName(u);
  if (!found) return std::unexpected(found.error());
  if (!*found)
    return NotFound("no such user; see `anju user list`", "username", std::string(username),
                    "用户不存在");
  return **found;
}

Result<CreatedUser> AuthService::InsertAccount(const Actor& actor, const NewUser& nu,
                                               bool check_rules, bool is_demo,
                                               const std::string& source) {
  auto name = NormalizeUsername(nu.username);
  if (!name) return std::unexpected(name.error());
  if (auto d = CheckDisplayName(nu.display_name); !d) return std::unexpected(d.error());
  auto scope = ResolveGrant(nu.grant);
  if (!scope) return std::unexpected(scope.error());
  CreatedUser out;
  std::string password;
  if (nu.password) {
    if (check_rules) {
      if (auto r = CheckPasswordRules(*name, *nu.password); !r) return std::unexpected(r.error());
    }
    password = *nu.password;
  } else {
    password = GenerateOneTimePassword();
    out.one_time_password = password;
  }
  auto hash = HashPassword(password, opts_.hash);
  if (!hash) return std::unexpected(hash.error());
  UserRecord r;
  r.username = *name;
  r.display_name = nu.display_name;
  r.role = nu.grant.role;
  r.scope = *scope;
  r.cadre_id = nu.grant.cadre_id;
  r.password_hash = *hash;
  r.must_change_password = !nu.password.has_value();
  r.is_demo = is_demo;
  AuditEntry e;
  e.action = "create";
  e.entity = "user";
  e.changes = fmt::format(
      R"({{"username":[null,{}],"display_name":[null,{}],"role":[null,{}],"scope":[null,{}],"cadre_id":[null,{}],"must_change_password":[null,{}],"is_demo":[null,{}]}})",
      JsonString(r.username), JsonString(r.display_name), JsonString(RoleName(r.role)),
      ScopeJson(r.scope), r.cadre_id == 0 ? std::string("null") : std::to_string(r.cadre_id),
      r.must_change_password, is_demo);
  e.source = source;
  auto id = repo_.InsertUser(r, actor, e);
  if (!id) {
    Error err = id.error();
    if (err.code == ErrorCode::kConflict) {
      err.message = "username is taken; choose another";
      err.message_zh = "用户名已被使用";
      err.field = "username";
      err.value = r.username;
    }
    return std::unexpected(err);
  }
  auto stored = repo_.FindUserById(*id);
  if (!stored) return std::unexpected(stored.error());
  if (!*stored) return Internal("user vanished after insert");
  out.user = ToInfo(**stored);
  if (auto f = FillListFacts(out.user); !f) return std::unexpected(f.error());
  Log(fmt::format("user created user={} role={} by={}", r.username, RoleName(r.role),
                  actor.username));
  return out;
}

Result<CreatedUser> AuthService::AddUser(const Actor& actor, const NewUser& nu) {
  if (auto a = RequireAdmin(actor); !a) return std::unexpected(a.error());
  return InsertAccount(actor, nu, true, false, "user add");
}

Result<std::vector<UserInfo>> AuthService::ListUsers(const Actor& actor) {
  if (auto a = RequireAdmin(actor); !a) return std::unexpected(a.error());
  auto all = repo_.ListUsers();
  if (!all) return std::unexpected(all.error());
  std::vector<UserInfo> out;
  for (const auto& r : *all) {
    out.push_back(ToInfo(r));
    if (auto f = FillListFacts(out.back()); !f) return std::unexpected(f.error());
  }
  return out;
}

Status AuthService::FillListFacts(UserInfo& info) {
  auto label = repo_.ScopeLabel(info.scope);
  if (!label) return std::unexpected(label.error());
  info.scope_label = *label;
  int64_t now = Now();
  int64_t window = opts_.failure_window.count();
  auto c = repo_.CountFailures(TokenHash(info.username), "", now - window + 1);
  if (!c) return std::unexpected(c.error());
  info.failed_logins = c->account;
  info.locked_until =
      c->account >= opts_.max_failures_per_account ? c->account_oldest + window : 0;
  return {};
}

Result<UserInfo> AuthService::GetUser(const Actor& actor, std::string_view username) {
  auto u = LoadUserForAdmin(actor, username);
  if (!u) return std::unexpected(u.error());
  UserInfo info = ToInfo(*u);
  if (auto f = FillListFacts(info); !f) return std::unexpected(f.error());
  return info;
}

Result<CreatedUser> AuthService::ResetPassword(const Actor& actor, std::string_view username,
                                               std::optional<std::string> password) {
  auto u = LoadUserForAdmin(actor, username);
  if (!u) return std::unexpected(u.error());
  if (actor.user_id != 0 && actor.user_id == u->id)
    return InvalidArgument("change your own password with 'change password' (it asks for the "
                           "current one), not with a reset",
                           "username", u->username, "请通过“修改密码”修改自己的密码");
  CreatedUser out;
  std::string pw;
  if (password) {
    if (auto r = CheckPasswordRules(u->username, *password); !r) return std::unexpected(r.error());
    pw = *password;
  } else {
    pw = GenerateOneTimePassword();
    out.one_time_password = pw;
  }
  auto h = HashPassword(pw, opts_.hash);
  if (!h) return std::unexpected(h.error());
  bool before = u->must_change_password;
  u->password_hash = *h;
  u->must_change_password = !password.has_value();
  AuditEntry e{"update", "user", std::to_string(u->id),
               fmt::format(R"({{"password":"reset","must_change_password":[{},{}]}})", before,
                           u->must_change_password),
               "user passwd"};
  if (auto s = repo_.UpdateUser(*u, true, 0, actor, e); !s) return std::unexpected(s.error());
  ++u->version;
  out.user = ToInfo(*u);
  Log(fmt::format("password reset user={} by={}", u->username, actor.username));
  return out;
}

Result<UserInfo> AuthService::SetDisabled(const Actor& actor, std::string_view username,
                                          bool disabled) {
  auto u = LoadUserForAdmin(actor, username);
  if (!u) return std::unexpected(u.error());
  if (auto c = CheckNotSelfLockout(actor, *u, disabled, std::nullopt); !c)
    return std::unexpected(c.error());
  if (u->disabled == disabled) return ToInfo(*u);
  AuditEntry e{"update", "user", std::to_string(u->id),
               fmt::format(R"({{"disabled":[{},{}]}})", u->disabled, disabled),
               disabled ? "user disable" : "user enable"};
  u->disabled = disabled;
  if (auto s = repo_.UpdateUser(*u, disabled, 0, actor, e); !s) return std::unexpected(s.error());
  ++u->version;
  Log(fmt::format("user {} user={} by={}", disabled ? "disabled" : "enabled", u->username,
                  actor.username));
  return ToInfo(*u);
}

Result<UserInfo> AuthService::GrantRole(const Actor& actor, std::string_view username,
                                        const Grant& grant) {
  auto u = LoadUserForAdmin(actor, username);
  if (!u) return std::unexpected(u.error());
  auto scope = ResolveGrant(grant);
  if (!scope) return std::unexpected(scope.error());
  if (auto c = CheckNotSelfLockout(actor, *u, std::nullopt, grant.role); !c)
    return std::unexpected(c.error());
  AuditEntry e{"update", "user", std::to_string(u->id),
               fmt::format(R"({{"role":[{},{}],"scope":[{},{}]{}}})",
                           JsonString(RoleName(u->role)), JsonString(RoleName(grant.role)),
                           ScopeJson(u->scope), ScopeJson(*scope),
                           CadreChange(u->cadre_id, grant.cadre_id)),
               "user grant"};
  u->role = grant.role;
  u->scope = *scope;
  u->cadre_id = grant.cadre_id;
  if (auto s = repo_.UpdateUser(*u, true, 0, actor, e); !s) return std::unexpected(s.error());
  ++u->version;
  Log(fmt::format("role granted user={} role={} scope={} by={}", u->username,
                  RoleName(u->role), DescribeScope(u->scope), actor.username));
  return ToInfo(*u);
}

Result<UserInfo> AuthService::UpdateUser(const Actor& actor, std::string_view username,
                                         const UserPatch& patch) {
  auto u = LoadUserForAdmin(actor, username);
  if (!u) return std::unexpected(u.error());
  if (patch.display_name) {
    if (auto d = CheckDisplayName(*patch.display_name); !d) return std::unexpected(d.error());
  }
  std::optional<AccessScope> scope;
  if (patch.grant) {
    auto s = ResolveGrant(*patch.grant);
    if (!s) return std::unexpected(s.error());
    scope = *s;
  }
  if (auto c = CheckNotSelfLockout(actor, *u, patch.disabled,
                                   patch.grant ? std::optional<Role>(patch.grant->role)
                                               : std::nullopt);
      !c)
    return std::unexpected(c.error());

  std::vector<std::string> changes;
  UserRecord next = *u;
  if (patch.display_name && *patch.display_name != u->display_name) {
    changes.push_back(fmt::format(R"("display_name":[{},{}])", JsonString(u->display_name),
                                  JsonString(*patch.display_name)));
    next.display_name = *patch.display_name;
  }
  bool regrant = false;
  if (scope && (patch.grant->role != u->role || DescribeScope(*scope) != DescribeScope(u->scope) ||
                patch.grant->cadre_id != u->cadre_id)) {
    changes.push_back(fmt::format(R"("role":[{},{}],"scope":[{},{}]{})",
                                  JsonString(RoleName(u->role)),
                                  JsonString(RoleName(patch.grant->role)), ScopeJson(u->scope),
                                  ScopeJson(*scope), CadreChange(u->cadre_id, patch.grant->cadre_id)));
    next.role = patch.grant->role;
    next.scope = *scope;
    next.cadre_id = patch.grant->cadre_id;
    regrant = true;
  }
  if (patch.disabled && *patch.disabled != u->disabled) {
    changes.push_back(fmt::format(R"("disabled":[{},{}])", u->disabled, *patch.disabled));
    next.disabled = *patch.disabled;
  }
  if (changes.empty()) {
    UserInfo same = ToInfo(*u);
    if (auto f = FillListFacts(same); !f) return std::unexpected(f.error());
    return same;
  }
  std::string joined;
  for (const auto& c : changes) joined += (joined.empty() ? "" : ",") + c;
  AuditEntry e{"update", "user", std::to_string(u->id), "{" + joined + "}", "user update"};
  bool end_sessions = regrant || (next.disabled && !u->disabled);
  if (auto s = repo_.UpdateUser(next, end_sessions, 0, actor, e); !s)
    return std::unexpected(s.error());
  ++next.version;
  Log(fmt::format("user updated user={} fields={} by={}", next.username, changes.size(),
                  actor.username));
  UserInfo info = ToInfo(next);
  if (auto f = FillListFacts(info); !f) return std::unexpected(f.error());
  return info;
}

Result<UserInfo> AuthService::UnlockUser(const Actor& actor, std::string_view username) {
  auto u = LoadUserForAdmin(actor, username);
  if (!u) return std::unexpected(u.error());
  UserInfo info = ToInfo(*u);
  if (auto f = FillListFacts(info); !f) return std::unexpected(f.error());
  if (info.failed_logins == 0) return info;
  AuditEntry e{"update", "user", std::to_string(u->id),
               fmt::format(R"({{"failed_logins":[{},0]}})", info.failed_logins), "user unlock"};
  if (auto s = repo_.ClearFailures(TokenHash(u->username), actor, e); !s)
    return std::unexpected(s.error());
  Log(fmt::format("user unlocked user={} failures={} by={}", u->username, info.failed_logins,
                  actor.username));
  info.failed_logins = 0;
  info.locked_until = 0;
  return info;
}

Result<CreatedUser> AuthService::CreateInitialAdmin(const Actor& actor,
                                                    std::string_view username) {
  if (auto a = RequireAdmin(actor); !a) return std::unexpected(a.error());
  NewUser nu;
  nu.username = std::string(username);
  nu.grant.role = Role::kCountyAdmin;
  return InsertAccount(actor, nu, true, false, "init --admin");
}

}  // namespace anju::auth
