"""Words of the maps and plots.

English templates (``{placeholders}`` filled by :func:`relgraph.text.say`);
their translations are in the gettext catalogue (``make catalog``).
"""

TEMPLATES: dict[str, str] = {
    # -- maps and plots ----------------------------------------------------------
    "viz_no_cjk_font": (
        "no Chinese/Japanese/Korean font found for matplotlib, so plots show English names "
        "where the data gives them; install one (Debian/Ubuntu: apt-get install "
        "fonts-noto-cjk; Fedora: dnf install google-noto-sans-cjk-fonts; or any of "
        "Noto Sans CJK, WenQuanYi Zen Hei, Droid Sans Fallback) and delete matplotlib's "
        "font cache (~/.cache/matplotlib) so it is found"
    ),
    "viz_no_leverage": (
        "node size is uniform: leverage is not available (relgraph.analysis.influence is missing)"
    ),
    "viz_focus": "Showing {who} and everyone within {radius} tie(s): {n} people.",
    "viz_left_out": (
        "Showing the {shown} most relevant of {total} people (limit {limit}): role holders, "
        "the focus and the top hidden influencers first, then by leverage and number of ties. "
        "{left} people ({parts}) and {ties} ties are left out; use focus=... to see any part "
        "in full."
    ),
    "viz_sensitive_hidden": (
        "{n} sensitive tie(s) hidden (family, faith, neighbour or marked sensitive); "
        "pass include_sensitive=True to show them."
    ),
    "viz_sensitive_people": (
        "{n} person(s) known only through sensitive ties left out (e.g. a relative or a "
        "neighbour); pass include_sensitive=True to show them."
    ),
    "viz_focus_sensitive": (
        "{who} is known only through sensitive ties and is left out of shared maps; "
        "pass include_sensitive=True to focus on them."
    ),
    "viz_title": "{account}: {opportunity}",
    "viz_title_plain": "Relationship map",
    "viz_tie_tip": "{a} — {b}: {kind}, strength {strength}",
    "viz_tie_tip_directed": "{a} → {b}: {kind}, strength {strength}",
    "viz_tie_tip_reports_to": (
        "{b} → {a}: {a} reports to {b} (the manager sways the report), strength {strength}"
    ),
    "viz_tie_hidden": "hidden influence (not part of the formal chain)",
    "viz_tip_level": "Level {level}",
    "viz_tip_role": "Role: {roles}",
    "viz_tip_attitude": "Attitude toward us: {value} ({word})",
    "viz_tip_backs": "Backs {org} (strength {support} of 3)",
    "viz_tip_owners": "Our owners: {owners}",
    "viz_tip_leverage": "Leverage: {leverage} of the decision support index per point",
    "viz_tip_why": "Why: {why}",
    "viz_role_none": "no role in this opportunity",
    "viz_tie_reports_to": "reporting line (arrow: manager → report)",
    "viz_tie_influences": "influence (arrow: who sways → whom)",
    "viz_tie_covers": "we cover (our owner → customer)",
    "viz_tie_informs": "information channel",
    "viz_tie_personal": "personal tie",
    "viz_tie_hidden_legend": "dashed: hidden influence",
    "viz_legend": "Legend",
    "viz_legend_attitude": "Colour: attitude toward us",
    "viz_legend_role": "Shape: buying role",
    "viz_legend_ring": "Ring: backs a competitor",
    "viz_legend_ties": "Ties",
    "viz_legend_size": "Size: leverage on the decision",
    "viz_search": "Search by name",
    "viz_search_found": "{n} found",
    "viz_search_none": "no match",
    "viz_filters": "Filters",
    "viz_filter_role": "Role",
    "viz_filter_party": "Party",
    "viz_filter_kind": "Tie kind",
    "viz_tip_no_owner": "No owner on our team",
    "viz_tip_dnc": "Do not contact",
    "viz_legend_marks": "Marks",
    "viz_legend_hidden": "dashed outline: hidden influencer",
    "viz_legend_dnc": "do not contact",
    "viz_legend_group": "group of people (click to open)",
    "viz_stage_none": "Stage not given",
    "viz_stage_outside": "Outside the chain",
    "viz_level_n": "level {level}",
    "viz_level_none": "no level given",
    "viz_group_faction": "Faction {n}",
    "viz_group_faction_lean": "Faction {n}, leans to {org}",
    "viz_group_no_department": "{org}, no department",
    "viz_group_by": "Group the others by",
    "viz_hint": (
        "Click a person to see their neighbourhood, a group to open it; double-click an "
        "opened person to close their group. Drag people: the page keeps where you put them."
    ),
    "plot_chain_title": (
        "Decision chain of {opp}: {roles} role holders, {hidden} hidden influencer(s)"
    ),
    "plot_no_roles": (
        "{opp} has no role holders yet: add rows for it to the roles table (who decides, "
        "approves, buys, influences, uses, initiates or keeps the gate)."
    ),
    "plot_hidden_influencer": "hidden influencer",
    "plot_no_role": "no role (hidden influencer)",
    "plot_hidden_tie": "hidden influence",
    "plot_backs": "backs {org}",
    "plot_cap": (
        "Showing the {shown} most powerful of {total} role holders; {left} left out (max_people)."
    ),
    "plot_cap_power": (
        "Showing the {shown} people with the most leverage of {total}; {left} left out "
        "(max_people)."
    ),
    "plot_power_title": "Power map of {opp}: {n} people, {roles} role holders",
    "plot_power_x": "attitude toward us (−3 … +3)",
    "plot_power_y": "leverage on the decision support index",
    "plot_zone_neutralise": (
        "NEUTRALISE opponents\nkeep contact so they stay neutral;\na competitor's entrenched "
        "backer\n(thick ring): work through the\npeople they listen to"
    ),
    "plot_zone_convert": "CONVERT\nneutrals into\nsupporters",
    "plot_zone_mobilise": "MOBILISE supporters\nlet them act for us",
    "plot_zone_low": "below the line: less leverage, lower priority",
    "plot_coverage_title": "Coverage of {opp}: role holders by where they stand",
    "plot_col_us": "{us} (supporters)",
    "plot_col_against": "against us, no competitor",
    "plot_covered": "covered {n}/{total}",
    "plot_dnc_key": "{mark} do not contact",
    "plot_route_title": "Route {a} → {b}: {hops} hop(s), strength {strength} = {product}",
    "plot_route_short": "route {path!r} has fewer than two people",
    "plot_route_through": " (through {who})",
    "plot_route_sensitive": (
        "this route uses sensitive ties{who}; pass include_sensitive=True to draw it"
    ),
    "plot_route_no_tie": "no tie between {a} and {b} (sensitive ties excluded: {excluded})",
    "viz_ui_people": "{n} people",
    "viz_ui_person": "1 person",
    "viz_ui_groups_header": "Everyone else, in groups",
    "viz_ui_open_hint": "(click to open)",
    "viz_ui_overview": "Overview",
    "viz_ui_png": "PNG",
    "viz_ui_svg": "SVG",
    "viz_ui_positions": "Positions",
    "viz_ui_reset": "Reset layout",
    "viz_ui_group_department": "department",
    "viz_ui_group_org": "organisation",
    "viz_ui_group_faction": "faction",
    "viz_ui_group_none": "nothing (show everyone)",
    "viz_situation_behind": (
        "{leader} leads with a support index of {lead}; ours is {ours}{others}."
    ),
    "viz_situation_others": " ({items})",
    "viz_situation_item": "{name} {index}",
    "viz_situation_ahead": "We lead with a support index of {ours} ({others}).",
    "viz_situation_alone": "No competitor named; our support index is {ours}.",
    "viz_situation_no_roles": (
        "No role holders recorded for this opportunity yet: add them to see who leads."
    ),
    "viz_top_gap": "Top gap: {text}",
    "viz_gap_level_parity": (
        "{competitor}'s supporter {who} outranks every supporter of ours; we need the board "
        "or someone who sways them."
    ),
    "viz_gap_no_decider_support": "none of the deciders supports us.",
    "viz_gap_uncovered_role": "{who} holds a role and has no owner on our team.",
    "viz_gap_unmanaged_opponent": "{who} is against us and nobody on our team covers them.",
    "viz_gap_single_threaded": "{who} is covered by one of our people only: add a backup.",
    "viz_old_browser": (
        "This browser cannot unpack the map (it lacks DecompressionStream); save the map "
        "with NetworkMap.save('map.html') and open the file."
    ),
    "viz_vis_moved": (
        "vis-network is not where relgraph expects it in the installed pyvis ({path}); "
        "install a tested pyvis: pip install 'pyvis{range}'"
    ),
    "viz_vis_changed": (
        "the installed pyvis ships a vis-network build relgraph has not been tested with "
        "({path}, sha256 {digest}); install a tested pyvis: pip install 'pyvis{range}'"
    ),
    "viz_positions_file": (
        "a positions file saved from a map (its 'Positions' button) or a mapping person id → (x, y)"
    ),
    "viz_positions_entry": "person id → (x, y) with two finite numbers",
    "viz_positions_unused": (
        "{n} saved position(s) are for people not on this map; they were not used."
    ),
    "viz_save_feature": "Saving a map as {kind}",
    "viz_no_chromium": (
        "{feature} needs a headless Chromium: run 'playwright install chromium', or install "
        "your system's chromium package (Debian/Ubuntu: apt-get install chromium), or pass "
        "browser='/path/to/chrome'; save as .html to open and export in any browser instead"
    ),
}
