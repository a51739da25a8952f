"""Ids of the shell's components that other modules (pages, callbacks, tests) refer to. No Dash."""

SHELL = "app-shell"  # the shell's outer Div (class "presenting" on /present)
URL = "url"  # dcc.Location holding the view state in its `search`; pages read it
UI_LANG = "ui-lang"  # dcc.Store: the interface language, changes only when the language does

LANG_SWITCH = "lang-switch"
SPACE = "filter-space"
TIE_STATUS = "filter-status"  # the ties by status (active by default, suspended/ended one click away)
ON = "filter-on"
SINCE = "filter-since"  # ties signed since a year (or month, day)
CITIES = "display-cities"  # city arcs instead of aggregated flows
SPACE_CAPTION = "space-caption"  # the active space and day, in the header
COUNTRIES = "filter-countries"
BLOCS = "filter-blocs"
REGIONS = "filter-regions"
BORDER_ONLY = "filter-border-only"
MIN_POPULATION = "filter-min-population"
LINK_SCOPE = "filter-link-scope"
PAIR_FIRST = "filter-pair-first"
PAIR_SECOND = "filter-pair-second"
PAIR_FIELDS = "filter-pair-fields"
VIEWPORT = "filter-viewport"
LAYERS = "display-layers"
SIZE_BY = "display-size-by"
POV = "display-pov"
RESET = "filter-reset"
FOOTER_DATA = "footer-data"

# pattern-matching id types
I18N = "i18n"  # {"type": I18N, "key": message key, "slot": disambiguator}
NAV_LINK = "nav-link"  # {"type": NAV_LINK, "path": page path}
EXPORT_LINK = "export-link"  # {"type": EXPORT_LINK, "figure", "format", "params", "follows"} (export_menu)
