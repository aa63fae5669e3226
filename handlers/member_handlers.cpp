#include "handlers/member_handlers.hpp"

#include <algorithm>
#include <map>

#include "core/text_fold.hpp"
#include "storage/account_repository.hpp"
#include "storage/member_repository.hpp"
#include "storage/unit_repository.hpp"

namespace wgbot {

namespace {

// Whether `words` occur in `text` as whole words, in order (both already folded).
bool contains_words(const std::string& text, const std::string& words) {
  const std::string padded = " " + text + " ";
  return padded.find(" " + words + " ") != std::string::npos;
}

constexpr std::size_t kMaxWhoisResults = 10;

std::string unit_label(const std::map<std::int64_t, Unit>& units, const Member& m, Lang lang) {
  if (!m.unit_id) return std::string(text(lang, Msg::no_unit));
  const auto it = units.find(*m.unit_id);
  return it == units.end() ? std::string(text(lang, Msg::no_unit)) : it->second.name;
}

std::map<std::int64_t, Unit> units_by_id(storage::Connection& db) {
  std::map<std::int64_t, Unit> out;
  for (auto& s : storage::UnitRepository(db).list_with_counts()) out.emplace(s.unit.id, s.unit);
  return out;
}

std::string title_or_role(const Member& m, Lang lang) {
  return m.title.empty() ? std::string(role_name(lang, m.role)) : m.title;
}

// "@luc", "luc", "Lực", "le tu luc" → a folded needle.
std::string needle_of(std::string_view query) {
  query = trim(query);
  if (query.starts_with('@')) query.remove_prefix(1);
  return fold_for_search(query);
}

}  // namespace

void handle_whoami(HandlerContext& ctx) {
  const Member& m = *ctx.member;
  const auto units = units_by_id(ctx.db);
  std::string body = tr(ctx.lang, Msg::whoami_line_name, m.name, m.handle);
  body += '\n' + tr(ctx.lang, Msg::whoami_line_title,
                    m.title.empty() ? std::string(text(ctx.lang, Msg::no_title)) : m.title);
  body += '\n' + tr(ctx.lang, Msg::whoami_line_unit, unit_label(units, m, ctx.lang));
  body += '\n' + tr(ctx.lang, Msg::whoami_line_role, role_name(ctx.lang, m.role));
  if (m.is_admin) body += '\n' + std::string(text(ctx.lang, Msg::whoami_admin));
  std::string accounts;
  for (const auto& a : storage::AccountRepository(ctx.db).for_member(m.id)) {
    if (!accounts.empty()) accounts += ", ";
    accounts += platform_name(ctx.lang, a.platform);
    if (!a.username.empty()) accounts += " @" + a.username;
  }
  body += '\n' + (accounts.empty() ? std::string(text(ctx.lang, Msg::whoami_no_accounts))
                                   : tr(ctx.lang, Msg::whoami_accounts, accounts));
  ctx.reply(std::move(body));
}

// What a /members filter named, in words: the role's name ("Ủy viên") or the unit's full name
// ("Sở Nội vụ"), never a key; what was typed when the matches span several units.
std::string filter_name(const HandlerContext& ctx, const std::vector<Member>& members,
                        const std::map<std::int64_t, Unit>& units, const std::string& filter) {
  const Member& first = members.front();
  if (fold_for_search(role_key(first.role)) == filter ||
      fold_for_search(role_name(ctx.lang, first.role)) == filter) {
    return std::string(role_name(ctx.lang, first.role));
  }
  const auto same_unit = [&](const Member& m) { return m.unit_id == first.unit_id; };
  const auto unit = first.unit_id ? units.find(*first.unit_id) : units.end();
  if (unit != units.end() && std::all_of(members.begin(), members.end(), same_unit)) {
    return unit->second.name;
  }
  return std::string(trim(ctx.args));
}

void handle_members(HandlerContext& ctx) {
  const auto units = units_by_id(ctx.db);
  auto members = storage::MemberRepository(ctx.db).list_active();
  const std::string filter = needle_of(ctx.args);
  std::string filter_label;
  if (!filter.empty()) {
    // A unit's short name is matched exactly; only when no unit has it is the filter read as
    // words of a unit's full name ("ubnd" is UBND, not also "Văn phòng UBND").
    const bool names_a_unit = std::any_of(units.begin(), units.end(), [&](const auto& entry) {
      return fold_for_search(entry.second.short_name) == filter;
    });
    std::erase_if(members, [&](const Member& m) {
      const bool role_match = fold_for_search(role_key(m.role)) == filter ||
                              fold_for_search(role_name(ctx.lang, m.role)) == filter;
      const auto unit = m.unit_id ? units.find(*m.unit_id) : units.end();
      const bool unit_match =
          unit != units.end() &&
          (names_a_unit ? fold_for_search(unit->second.short_name) == filter
                        : contains_words(fold_for_search(unit->second.name), filter));
      return !role_match && !unit_match;
    });
    if (members.empty()) {
      ctx.reply_tr(Msg::members_none, ctx.args);
      return;
    }
  }
  // Grouped by role, in the order of the committee: chairman first, staff last.
  std::stable_sort(members.begin(), members.end(), [](const Member& a, const Member& b) {
    return static_cast<int>(a.role) < static_cast<int>(b.role);
  });
  std::string body = filter.empty() ? tr(ctx.lang, Msg::members_header, members.size())
                                    : tr(ctx.lang, Msg::members_header_filtered,
                                         filter_name(ctx, members, units, filter), members.size());
  std::optional<Role> current;
  const bool show_started = ctx.member && ctx.member->is_admin;
  const storage::AccountRepository accounts(ctx.db);
  for (const auto& m : members) {
    if (!current || *current != m.role) {
      current = m.role;
      body += "\n" + std::string(role_name(ctx.lang, m.role)) + ":";
    }
    body += '\n' + tr(ctx.lang, Msg::members_line, m.name, title_or_role(m, ctx.lang), m.handle);
    if (show_started && !accounts.has_started(m.id)) {
      body += text(ctx.lang, Msg::members_never_started);
    }
  }
  ctx.reply(std::move(body));
}

void handle_whois(HandlerContext& ctx) {
  const std::string needle = needle_of(ctx.args);
  if (needle.empty()) {
    ctx.reply_tr(Msg::whois_usage);
    return;
  }
  const auto units = units_by_id(ctx.db);
  auto found = storage::MemberRepository(ctx.db).search(needle);
  if (found.empty()) {
    ctx.reply_tr(Msg::whois_none, ctx.args);
    return;
  }
  std::string body;
  if (found.size() > 1) body = tr(ctx.lang, Msg::whois_many, found.size());
  if (found.size() > kMaxWhoisResults) found.resize(kMaxWhoisResults);
  for (const auto& m : found) {
    if (!body.empty()) body += "\n\n";
    body += tr(ctx.lang, Msg::whois_line_name, m.name, m.handle);
    body += '\n' + tr(ctx.lang, Msg::whois_line_title_unit, title_or_role(m, ctx.lang),
                      unit_label(units, m, ctx.lang));
    body += '\n' + tr(ctx.lang, Msg::whois_line_role, role_name(ctx.lang, m.role));
    // Only linked members reach this handler, so contact details may be shown.
    if (!m.phone.empty() || !m.email.empty()) {
      body += '\n' + tr(ctx.lang, Msg::whois_line_contact, m.phone.empty() ? "—" : m.phone,
                        m.email.empty() ? "—" : m.email);
    }
  }
  ctx.reply(std::move(body));
}

void handle_units(HandlerContext& ctx) {
  const auto units = storage::UnitRepository(ctx.db).list_with_counts();
  if (units.empty()) {
    ctx.reply_tr(Msg::units_none);
    return;
  }
  std::string body = tr(ctx.lang, Msg::units_header, units.size());
  for (const auto& s : units) {
    body += '\n' +
            tr(ctx.lang, Msg::units_line, s.unit.name, s.unit.short_name, s.members, s.open_tasks);
  }
  ctx.reply(std::move(body));
}

void handle_lang(HandlerContext& ctx) {
  const std::string choice = fold_for_search(ctx.args);
  if (choice != "vi" && choice != "en") {
    ctx.reply_tr(Msg::lang_usage);
    return;
  }
  storage::MemberRepository(ctx.db).set_lang(ctx.member->id, choice);
  ctx.lang = choice == "en" ? Lang::en : Lang::vi;
  ctx.reply_tr(Msg::lang_set);
}

void handle_notify(HandlerContext& ctx) {
  const std::string where = fold_for_search(ctx.args);
  if (where != "here" && where != "day") {  // "đây" folds to "day"
    ctx.reply_tr(Msg::notify_usage);
    return;
  }
  // The console runs on the server: nobody reads it between sessions.
  if (ctx.account.platform == "console") {
    ctx.reply_tr(Msg::notify_console);
    return;
  }
  storage::MemberRepository(ctx.db).set_preferred_account(ctx.member->id, ctx.account.id);
  ctx.reply_tr(ctx.account.private_chat_id.empty() ? Msg::notify_set_no_private_chat
                                                   : Msg::notify_set);
}

}  // namespace wgbot
