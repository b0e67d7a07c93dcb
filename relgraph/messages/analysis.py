"""Sentences of the analyses: influence, routes, coverage, targets, interactions.

English templates (``{placeholders}`` filled by :func:`relgraph.text.say`);
their translations are in the gettext catalogue (``make catalog``).
"""

TEMPLATES: dict[str, str] = {
    # -- influence (chain, leverage, hidden influencers, simulate) --------------
    "index_why": (
        "{party}: index {index:+.2f} on {scale}; {supporters} of {holders} role holders "
        "on side, holding {share:.0%} of the decision power"
    ),
    "index_why_no_power": (
        "{party}: no index: no role holder of this opportunity has any decision power "
        "(add roles, or give them a power above 0)"
    ),
    "lev_why_outside": "outside the customer's opinion dynamics (our or competitor staff)",
    "lev_why_negligible": "no measurable pull on the decision chain",
    "lev_why_role": (
        "holds {roles}; {lev:.3f} of the index moves with this person per point of attitude"
    ),
    "lev_why_norole": (
        "no role, but {lev:.3f} of the index moves with this person per point of attitude"
    ),
    "hidden_why": "sways {target} {tie}; {lev:.3f} of the index moves with this person",
    "hidden_why_more": "{why} (and {more} more in the chain)",
    "hidden_why_withheld": (
        "sways the decision chain through a tie marked sensitive (details withheld); "
        "{lev:.3f} of the index moves with this person"
    ),
    "hidden_why_indirect": (
        "sways the decision chain indirectly, mainly through {through}; "
        "{lev:.3f} of the index moves with this person"
    ),
    "through": "through {who}",
    "hidden_why_dnc": "DO NOT CONTACT: {why}",
    "hidden_withheld_name": "(withheld: known only through sensitive ties)",
    "hidden_why_withheld_person": (
        "a person known only through sensitive ties (family, faith, neighbourhood) sways "
        "the decision chain; {lev:.3f} of the index moves with them; pass "
        "include_sensitive=True to name them"
    ),
    "withheld_note": " [{n} sensitive tie(s) withheld; pass include_sensitive=True to show]",
    "via_influences": "through a direct influence tie ({strength:.1f})",
    "via_boss": "as their boss",
    "via_report": "as a direct report",
    "via_family": "as family",
    "via_friend": "as a friend",
    "via_former_colleague": "as a former colleague",
    "via_alumni": "as a fellow alumnus",
    "via_club": "through a shared club",
    "via_neighbour": "as a neighbour",
    "via_faith": "through a shared faith community",
    "via_works_with": "as a working partner",
    "via_supplier": "as a supplier",
    "via_customer_of": "as a customer",
    "via_other": "through a personal tie",
    "path_header": "{n} chain(s) of sway from {source} to {target}:",
    "path_none": "no chain of sway of at most {max_hops} hops",
    "path_withheld": (
        "{n} hop(s) carried only by sensitive ties were left out "
        "(pass include_sensitive=True to use them)"
    ),
    "path_why": (
        "{hops}-hop chain of sway from {source} to {target}; strength {strength:.3f} "
        "(product of the hops' influence weights)"
    ),
    "chain_flow": "{stage}: {people}",
    "chain_why_holder": "{roles}, power {power:.2f}{stage}; {attitude}{backs}",
    "chain_why_stage": " at the {stage} stage",
    "chain_why_attitude": "attitude {value:+d} ({word})",
    "chain_why_backs": "; backs {competitor}",
    "chain_why_hidden": "no role; sways {sways}",
    "chain_why_sways": "{who} {ties}: {share:.0%} of their attention",
    "chain_edge_formal": "{source} reports to {target}",
    "chain_edge_hidden": "{source} sways {target} {ties}: {share:.0%} of their attention",
    "sim_changed": "attitude set to {value:+d}",
    "sim_left": "leaves the company",
    "sim_new_tie": "new {kind} tie with {other}",
    # -- routes ------------------------------------------------------------------
    "routes_header": "{n} route(s) from {origin} to {target} (at most {max_hops} hops):",
    "routes_why": (
        "{hops} hop(s), strength {strength:.2f} = {formula} (product of the ties' strengths); "
        "weakest link {weakest} {weakest_strength:.2f} ({a} → {b})"
    ),
    "routes_why_affiliation": (
        "uses a shared affiliation that is not yet a tie: an opening to meet there, not an "
        "introduction"
    ),
    "routes_why_rather": ("chosen over a stronger route ({strength:.2f}) that runs {reason}"),
    "routes_why_opening_rank": (
        "the opening ranks first: every route of real ties is weaker or was left out"
    ),
    "routes_why_real_rank": "a route of real ties ranks above the affiliation opening",
    "routes_why_unassessed": (
        "the attitude toward us of {who} was never assessed: check it before asking for an "
        "introduction"
    ),
    "routes_reason_person": "through {who}, who {why}",
    "routes_reason_swayed": (
        "through {who}, whom {target} sways (we would ask them to introduce us to their own "
        "influencer)"
    ),
    "routes_reason_dnc": "through {who}, who is marked do-not-contact",
    "routes_reason_sensitive": "over a sensitive tie ({kind}) between {a} and {b}",
    "routes_stance_staff": "works for the competitor {competitor}",
    "routes_stance_backs": "backs the competitor {competitor}",
    "routes_stance_opposes": "opposes us ({attitude})",
    "routes_left_out_opponents": (
        "{n} route(s) left out because they pass through someone who opposes us or backs a "
        "competitor (asking them would warn the other side; include_opponents=True to allow)"
    ),
    "routes_left_out_swayed": (
        "{n} route(s) left out because they ask someone the target sways to introduce us to "
        "their own influencer"
    ),
    "routes_left_out_swayed_cli": (
        "{n} route(s) left out because they ask someone the target sways to introduce us to "
        "their own influencer"
    ),
    "routes_left_out_do_not_contact": (
        "{n} route(s) left out because they pass through a do-not-contact person "
        "(include_do_not_contact=True to allow)"
    ),
    "routes_left_out_sensitive": (
        "{n} route(s) left out because they use a sensitive tie (include_sensitive=True to allow)"
    ),
    "routes_left_out_opponents_cli": (
        "{n} route(s) left out because they pass through someone who opposes us or backs a "
        "competitor (--include-opponents to allow)"
    ),
    "routes_left_out_do_not_contact_cli": (
        "{n} route(s) left out because they pass through a do-not-contact person "
        "(--include-do-not-contact to allow)"
    ),
    "routes_left_out_sensitive_cli": (
        "{n} route(s) left out because they use a sensitive tie (--include-sensitive to allow)"
    ),
    "routes_left_out_several": ("{n} of them break more than one of these rules"),
    "routes_why_disjoint": "independent of the better routes (no person in common)",
    "routes_why_alternative": (
        "best node-disjoint alternative (none of the top {k} is independent of the first)"
    ),
    "routes_why_sensitive_tie": (
        "uses a sensitive tie (included because you opted in with include_sensitive); do not share"
    ),
    "routes_why_dnc": (
        "{who} marked do-not-contact: on this route only because you opted in with "
        "include_do_not_contact; clear it with the account owner first"
    ),
    "routes_dnc_mark": "DO NOT CONTACT",
    "routes_affiliation_hop": "shared {kind} {name}, not yet a tie,",
    "routes_none_short": "no route",
    "routes_none": "no chain of ties of at most {max_hops} hops from {start} reaches {who}",
    "routes_none_ours": "{who} is on our team (or is the starting person); no introduction needed",
    "routes_none_dnc": (
        "{who} is marked do-not-contact; pass include_do_not_contact=True to route anyway"
    ),
    "routes_excluded": (
        "{n} route(s) left out because they use a sensitive tie or a do-not-contact person "
        "(opt in with include_sensitive=True / include_do_not_contact=True)"
    ),
    "routes_spof": "single point of failure: every route passes through {who}",
    "routes_bulk_two": "best route {best:.2f}; independent alternative {alt:.2f}",
    "routes_bulk_no_alt": (
        "no independent second route within {max_hops} hops: every route shares a person "
        "with the best one"
    ),
    "routes_cli_to_and_opp": (
        "name the people with --to or an opportunity with --opportunity, not both "
        "(--opportunity already targets every role holder; narrow it with --role)"
    ),
    "routes_cli_need_target": (
        "name whom to reach: --to PERSON (repeat for several) or --opportunity OPP [--role ROLE]"
    ),
    "routes_cli_role_needs_opp": "--role filters the role holders of --opportunity; add it",
    "routes_cli_no_holders": "no one holds role {role!r} in {opp}; roles there: {present}",
    "routes_cli_no_roles": "{opp} has no role holders to reach",
    "routes_cli_from_bulk": (
        "--from works with one --to person; routes to several people start at our whole team"
    ),
    "routes_cli_k_bulk": (
        "--top/-k works with one --to person; for several people each row shows the best route "
        "and one independent alternative"
    ),
    "routes_cli_bulk_header": (
        "Best route and an independent alternative from our team to {n} {what} "
        "(at most {max_hops} hops):"
    ),
    "routes_cli_excluded": (
        "{n} route(s) left out because they use a sensitive tie, a do-not-contact person or "
        "someone who opposes us or backs a competitor (opt in with --include-sensitive / "
        "--include-do-not-contact / --include-opponents)"
    ),
    "routes_cli_none_excluded": "no routes were left out by the route rules",
    "routes_cli_csv": "wrote {n} row(s), every column, to {path}",
    "linkedin_matched": "matched by {how}",
    "linkedin_new": "no existing person matched; added as a new person at {org}",
    "linkedin_reported": "no existing person matched; reported only (add_unmatched=False)",
    "linkedin_already": "already has a {kind} tie with {owner}; nothing added",
    "linkedin_tie": "LinkedIn connection of {owner}",
    "linkedin_owner": "this row is the owner themself; nothing added",
    "linkedin_duplicate": "an earlier row already added this person",
    "linkedin_ambiguous": (
        "matches several people ({people}); add a {column} or email column to tell them apart"
    ),
    "linkedin_org_name": "LinkedIn connections (company not in the data)",
    # -- coverage and targets ----------------------------------------------------
    "tgt_obj_neutralise": "neutralise an opponent",
    "tgt_obj_convert": "convert a neutral",
    "tgt_obj_mobilise": "mobilise a supporter",
    "tgt_obj_counter": "counter {competitor} at level {level}",
    "tgt_reach_covered": "already covered by {owners}",
    "tgt_reach_via": "through {who}, picked earlier (tie {strength:.2f})",
    "tgt_reach_none": "no route",
    "tgt_covered_by": "already covered by {owners}",
    "tgt_no_b": "nobody free",
    "tgt_why": (
        "{objective}: gain {gain:.4f} = leverage {leverage:.4f} × move {move:+d} "
        "({frm:+d} → {to:+d}) × reach {reach:.2f} ({how}); owner A {a}, owner B {b}; "
        "sponsor {sponsor}"
    ),
    "tgt_why_terms": (
        "{objective}: gain {gain:.4f} = leverage {leverage:.4f} × move {move:+d} "
        "({frm:+d} → {to:+d}) × reach {reach:.2f} ({how}) × feasibility {feasibility:.2f} "
        "({factors})"
    ),
    "tgt_why_potential": (
        "{objective}: once someone owns them, gain {gain:.4f} = leverage {leverage:.4f} × move "
        "{move:+d} ({frm:+d} → {to:+d}) × reach {reach:.2f} ({how}) × feasibility "
        "{feasibility:.2f} ({factors})"
    ),
    "tgt_why_people": "owner A {a}, owner B {b}, sponsor {sponsor}",
    "tgt_why_above": "ranked above {who} (gain {gain:.4f})",
    "tgt_obj_also_sways": (
        "{objective} (a decision maker), aiming for an advocate: {who} listens to them "
        "(entrenched on the other side, rarely turned head-on)"
    ),
    "tgt_obj_work_through": (
        "work through: make an advocate of someone {who} listens to (entrenched on the other "
        "side, rarely turned head-on)"
    ),
    "tgt_reach_via_route": "through {who}, a target picked earlier: {route}",
    "tgt_f_backing": "backing {f:.2f} (backs {competitor} at {b})",
    "tgt_f_distance": "distance {f:.2f} ({points} points to move)",
    "tgt_f_susceptibility": "susceptibility {f:.2f} (rarely moves)",
    "tgt_f_upkeep": "upkeep {f:.2f} (a strong supporter with {n} owner(s) already)",
    "tgt_f_none": "nothing makes the move harder",
    "tgt_no_sponsor": "none (nobody of ours is senior to owner A and owner B)",
    "tgt_no_room": (
        "nobody of ours has room to own this person now: everyone who may own them is at "
        "their owner-A limit, their load limit or out of hours; free someone's time (or "
        "raise max_owner_a, max_load or capacity) before working on them; until then their "
        "gain counts 0"
    ),
    "tgt_new_way_in": (
        "needs a new way in: no route reaches this role holder without going through the "
        "other side or a do-not-contact person; with a route the gain would be {gain:.4f}, "
        "so create access (an event, a new tie through someone on our side)"
    ),
    "cov_title": "Coverage of {opportunity} as of {as_of}",
    "cov_gaps": "Gaps (most severe first)",
    "cov_summary": "Parties: support index, decision power, many / deep / long",
    "cov_matrix": "Level by level: our people (rows) tied to theirs (columns)",
    "cov_people": "Key people",
    "cov_via_people": " through {people}",
    "cov_parity_ours_below": (
        "our highest supporter, {ours} (level {level}), reports to {theirs}{via}"
    ),
    "cov_parity_ours_lower": "our highest supporter, {ours}, is only at level {level}",
    "cov_parity_ours_none": "we have no supporter in the account at all",
    "cov_level_board": "board level",
    "cov_level_n": "level {level}",
    "cov_parity_no_candidate": (
        "nobody found who could constrain them: the business target may have to change"
    ),
    "cov_gap_level_parity": (
        "{competitor} is backed by {theirs} (level {level}); {ours}: we need support at "
        "{need} or from someone who sways {short}. Candidates: {candidates}."
    ),
    "cov_parity_more": " and {n} more at a higher level",
    "cov_route_hop": " —{kind} {strength:.2f}→ {who}",
    "cov_issue_item": "{issue} (open since {opened}, {days} days, owner {owner})",
    "cov_issue_noref": "a complaint without reference",
    "cov_gap_open_issue": (
        "{who} ({roles}) has {n} customer issue(s) open for longer than {limit} days: "
        "{items}; close it before asking for support"
    ),
    "cov_cand_level": "{who} (level {level})",
    "cov_cand_boss": "{who} (their boss)",
    "cov_cand_boss_up": "{who} (higher in their reporting line, above {boss})",
    "cov_cand_sways": "{who} (sways them, {kind} {weight:.1f})",
    "cov_gap_uncovered": "{who} ({roles}) has no owner on our team{extra}",
    "cov_gap_single_threaded": (
        "{who} ({roles}) is covered only by {owner}{extra}: add a backup owner (A/B rule)"
    ),
    "cov_channels_listed": " ({people})",
    "cov_gap_few_channels": (
        "{who} ({roles}) has {n} independent information channel(s){listed}: we need two "
        "to cross-check facts"
    ),
    "cov_gap_level_mismatch": (
        "{who} (level {level}) is covered only by people below their level ({owners}): "
        "executives should meet executives"
    ),
    "cov_gap_unmanaged_opponent": (
        "{who} is against us ({stance}) and ranks #{rank} by leverage ({leverage:.3f}; top "
        "{n} counts as high), but nobody on our team covers them"
    ),
    "cov_gap_unowned_influencer": (
        "{who} sways the decision chain without a formal role ({stance}) and ranks #{rank} "
        "by leverage ({leverage:.3f}; top {n} counts as high), but nobody on our team owns "
        "the relationship: the hidden chain goes unworked"
    ),
    "cov_note_withheld_people": (
        "{n} hidden influencer(s) known only through sensitive ties withheld (pass "
        "include_sensitive=True to name them)"
    ),
    "cov_note_parity_holds": (
        "level parity against {competitor} holds: their top supporter {theirs} (level "
        "{level}) is matched by our supporter {ours}"
    ),
    "cov_backs_text": "; backs {competitor}",
    "cov_attitude_text": "attitude {attitude:+d}",
    "cov_backs_short": "backs {competitor}",
    "cov_not_assessed": "attitude not assessed",
    "cov_gap_no_decider_support": "None of the decision makers supports us: {people}",
    "cov_gap_key_players_against": (
        "{deciders} support(s) us, but the key players holding {share:.0%} of the remaining "
        "decision power do not"
    ),
    "cov_gap_no_supporter_in_role": (
        "{competitor} has a supporter as {role} ({theirs}); none of our supporters holds that role"
    ),
    "cov_gap_no_competitor_supporter": (
        "No supporter of {competitor} identified: the map is probably incomplete"
    ),
    "cov_gap_no_competitor_at_all": (
        "No competitor supporter identified at all: the map is probably incomplete"
    ),
    "cov_gap_stale_contact": (
        "{who} is covered by {owners} on paper, but {detail} (limit {limit} days): "
        "plan a meeting to keep the relationship warm"
    ),
    "cov_contact_never": "no contact with them is logged",
    "cov_contact_last": "the last logged contact was on {date}, {days} days ago",
    "cov_gap_stale": (
        "{who}: attitude last assessed on {date}, {days} days before {as_of} (limit {limit})"
    ),
    "cov_gap_lean": ", leaning to {competitor}",
    "cov_gap_faction": (
        "Faction {faction} ({size} people, {share:.0%} of the decision power: {holders}) "
        "has no supporter of ours{lean}"
    ),
    "cov_listed_role": "role holder",
    "cov_listed_hidden": "hidden influencer",
    "cov_listed_backer": "competitor supporter",
    "cov_listed_candidate": "level-parity candidate",
    "cov_person_listed": "listed as {why}",
    "cov_person_roles": "{roles} (power {power:.1f})",
    "cov_person_no_owner": "no owner",
    "cov_person_owners": "{n} owner(s): {owners}",
    "cov_person_channels": "{n} independent information channel(s)",
    "cov_person_leverage": "leverage {leverage:.3f}",
    "cov_person_route": "best route {strength:.2f}: {route}",
    "cov_person_stale": "attitude stale (assessed {date})",
    "cov_person_dnc": "do not contact",
    "cov_nobody": "nobody",
    "cov_summary_why": (
        "{name}: index {index:+.2f}; {n} supporter(s) holding {share:.0%} of the decision "
        "power; highest {top} (level {level}); many {many:.0%} of the account tied, deep "
        "{deep} mean strength, long {long} years median"
    ),
    "cov_summary_why_no_index": (
        "{name}: no index (no role holder has any decision power); {n} supporter(s); "
        "highest {top} (level {level}); many {many:.0%} of the account tied, deep {deep} "
        "mean strength, long {long} years median"
    ),
    "cov_note_no_routes": (
        "route columns left blank: relgraph.analysis.routes.routes_to_many is not available"
    ),
    "cov_note_no_factions": (
        "factions skipped ({n} people in the account); pass with_factions=True to find them"
    ),
    "cov_note_empty_interactions": "last_contact left blank: no interactions recorded",
    "cov_note_no_interactions": (
        "last_contact left blank: no interactions module (relgraph.analysis.interactions)"
    ),
    "fac_leans": "leans to {competitor} (total backing {backing:g})",
    "fac_no_lean": "backs no competitor",
    "fac_why": (
        "{size} people tied together; mean attitude {mean}; {lean}; {supporters} "
        "supporter(s) of ours"
    ),
    "spo_why": (
        "level {level} vs {their_level} (parity {parity:.2f}); business overlap "
        "{business:.2f}; history {history:.2f} {tie}; load {load} of {max_load} "
        "(capacity {capacity:.2f}); score {score:.3f}"
    ),
    "spo_tie": "(existing {kind} tie)",
    "spo_no_tie": "(no direct tie)",
    # -- interactions ------------------------------------------------------------
    "int_strength_why": (
        "{n} touchpoint(s) from {first} to {last} ({kinds}); decayed volume {volume:.2f} "
        "(half-life {half_life:g} days); {initiative}, reciprocity {reciprocity:.2f}: "
        "strength {strength:.2f}"
    ),
    "int_initiative": "{ours} initiated by us, {theirs} by them, {mutual} both/unrecorded",
    "int_no_tie": "; no tie recorded between them",
    "int_derived_nothing": "nothing",
    "int_tie_explicit": ("explicit strength {strength:.2f} wins; the log alone gives {derived}"),
    "int_tie_derived": "no strength given; derived from the interactions log: {derived:.2f}",
    "int_tie_default": "no strength given and no logged contact: default for {kind} {strength:.2f}",
    "int_tie_not_eligible": "default for {kind} {strength:.2f} (not derived from the log)",
    "int_last_never": "no touchpoint logged up to {as_of}",
    "int_last_why": (
        "last contact {date} ({days} days before {as_of}, limit {limit}) by {by}, {kind}; "
        "{n} touchpoint(s) with {owners} of our people since {first}"
    ),
    "int_issue_open": (
        "{kind} from {people} on {opened}, still open after {age} days (limit {limit}); "
        "owner {owner}"
    ),
    "int_issue_closed": (
        "{kind} from {people} on {opened}, closed on {closed} after {age} days; owner {owner}"
    ),
    "int_issue_orphan": (
        "issue_closed on {closed} by {owner} for {people} matches no earlier complaint"
    ),
    "int_issue_key": "; affects role holder(s) {holders}",
    "int_plot_title": "Touchpoints over time, by customer level",
    "int_plot_left_out": "{n} sensitive touchpoint(s) left out",
    "int_cli_strength": "Relationship strength per pair (our person × their person), as of {as_of}",
    "int_cli_last": "Last contact per customer person (stale first)",
    "int_cli_issues": "Customer issues",
    "int_cli_plot": "Touchpoints over time drawn to {path}",
    "int_cli_empty": (
        "No interactions table in {path}; add interactions.csv (see docs/data-format.md)"
    ),
    "int_demo_ceo": "The CEO's tie: {line}",
    "int_demo_counts": (
        "{pairs} pair(s) with logged contact; {stale} of {people} customer people stale or "
        "never contacted; {open} open issue(s), {overdue} overdue"
    ),
}
