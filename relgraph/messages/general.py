"""General sentences, notebook views of results, glue and output-safety notes.

English templates (``{placeholders}`` filled by :func:`relgraph.text.say`);
their translations are in the gettext catalogue (``make catalog``).
"""

TEMPLATES: dict[str, str] = {
    # -- general ---------------------------------------------------------------
    "privacy_included": (
        "Sensitive personal ties are INCLUDED (include_sensitive=True); do not share."
    ),
    "privacy_none": "No sensitive personal data in this network.",
    "privacy_ties": "{n} sensitive ties",
    "privacy_ties_one": "{n} sensitive tie",
    "privacy_people": "{n} people known only through them",
    "privacy_people_one": "{n} person known only through them",
    "privacy_affiliations": "{n} sensitive affiliations",
    "privacy_affiliations_one": "{n} sensitive affiliation",
    "privacy_hidden": (
        "{parts} hidden (family, faith, neighbourhood or marked sensitive); "
        "pass include_sensitive=True to include them."
    ),
    "withheld_people": (
        "{n} person(s) known only through sensitive ties (family, faith, neighbourhood) "
        "withheld; pass include_sensitive=True to name them"
    ),
    "defaults_note": "uses relgraph's default settings (see docs/methodology.md)",
    "not_available": "n/a",
    "party_us": "us",
    # -- notebook views of results (_repr_html_) --------------------------------
    "repr_more_rows": "… and {n} more row(s)",
    "repr_item": "{item}: {value}",
    "repr_count": "{what} {n}",
    "repr_caption_people": "People",
    "repr_caption_edges": "Reporting lines and hidden sway",
    "repr_chain_title": (
        "Decision chain of {opportunity}: {holders} role holder(s), {hidden} hidden influencer(s)"
    ),
    "repr_chain_flow": "Stages: {flow}",
    "repr_chain_withheld": (
        "{n} hidden sway edge(s) carried only by sensitive ties were left out "
        "(pass include_sensitive=True to show them)"
    ),
    "repr_net_title": (
        "Relationship network: {people} people, {orgs} orgs, {ties} ties, "
        "{opportunities} opportunities"
    ),
    "repr_net_source": "Source: {source}",
    "repr_net_parties": "People by org kind: {counts}",
    "repr_net_as_of": "Dates measured against: {as_of}",
    "repr_net_today": "today",
    "repr_net_language": "Language: {language}",
    "repr_net_settings": "Settings changed from the defaults: {changes}",
    "repr_net_defaults": "Settings: relgraph's defaults (see docs/methodology.md)",
    "repr_net_privacy": (
        "Privacy: {ties} sensitive tie(s) and {affiliations} sensitive affiliation(s); "
        "default outputs leave them out, and the people known only through them "
        "(pass include_sensitive=True to include them)"
    ),
    "repr_net_privacy_none": "Privacy: no sensitive personal data",
    "repr_caption_opportunities": "Opportunities",
    "repr_sim_title": "What-if simulation: the predicted attitude of {n} people moves",
    "repr_sim_index": "{party}: support index {before:+.2f} → {after:+.2f} ({delta:+.2f})",
    "repr_caption_index": "Support index by party",
    "repr_caption_moves": "People whose predicted attitude moves most",
    "repr_cov_gaps": "{n} gap(s): {counts}",
    "repr_caption_factions": "Factions",
    "repr_caption_changes": "Changes",
    "repr_caption_diff_index": "Support index in both snapshots",
    "repr_plan_facts": "{targets} target(s), {actions} action(s), {people} key people",
    "repr_caption_added": "Rows added to {what}",
    "repr_caption_report": "Rows not imported or not mapped one-to-one",
    # -- language-neutral glue ---------------------------------------------------
    "list_sep": ", ",
    "and_sep": " and ",
    # -- output safety -----------------------------------------------------------------
    "out_overwrites_input": (
        "{output} would overwrite {input}, an input of this run; relgraph never overwrites "
        "its input: write the output to another file or folder"
    ),
    "out_in_input_folder": (
        "{output} is in {folder}, an input folder of this run, where the next load would "
        "read it as a table; write the output to another folder"
    ),
    "out_is_folder": "{output} is a folder; give a file name for this output (e.g. {example})",
    "out_is_file": "{output} is a file; give a folder for this output",
    "out_twice": (
        "{output} is also given for another output of this run ({other}); give each output "
        "its own path"
    ),
    "out_parent_not_folder": (
        "cannot write {output}: {parent} is a file, not a folder; choose another folder"
    ),
    "out_tables_suffix": (
        "{output} ends in {suffix}, a file type relgraph does not write tables as; give a "
        "folder (one CSV file per table) or a name ending in .xlsx"
    ),
    "out_too_many_rows": (
        "the {sheet} table has {rows:,} rows, more than an Excel sheet holds ({limit:,}); "
        "write a folder of CSV files instead"
    ),
    "out_cell_too_long": (
        "the {sheet} sheet's cell {cell} would hold {n:,} characters, more than an Excel cell "
        "holds ({limit:,}); write a folder of CSV files instead"
    ),
    "out_cell_cut": " … [cut: {n:,} characters, more than an Excel cell holds]",
    "out_cannot_write": (
        "cannot write {output}: {reason}; check that the folder is writable and that the "
        "file is not open in another program (nothing was changed)"
    ),
}
