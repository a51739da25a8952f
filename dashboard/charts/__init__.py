"""Presenters: every figure and table of the app, declared once (see dashboard.charts.presenter).

    from dashboard import charts
    charts.get("network-shares").figure(charts.Request(catalog, state, {"top": "15"}))
    charts.all()          # every presenter, in registration order

Adding a chart is adding one presenter (in the module of its page's subject) plus its message keys.
"""

from dashboard.charts import (  # noqa: F401  (each registers its presenters)
                                        activities,
                                        corridors,
                                        maps,
                                        monitoring,  # noqa: F401  (registers the monitoring presenters)
                                        network,
                                        practices,
)
from dashboard.charts.presenter import (
                                        FIGURE_FORMATS,
                                        MAP_LAYER_FORMATS,
                                        TABLE_FORMATS,
                                        ChartUnavailable,
                                        LayerUrl,
                                        Presenter,
                                        Request,
                                        UnknownChart,
                                        all_presenters,
                                        api_names,
                                        by_api_name,
                                        get,
)

all = all_presenters  # noqa: A001  (charts.all(), as the registry is read)

__all__ = ["FIGURE_FORMATS", "MAP_LAYER_FORMATS", "TABLE_FORMATS", "ChartUnavailable", "LayerUrl", "Presenter",
           "Request", "UnknownChart", "all", "api_names", "by_api_name", "get"]
