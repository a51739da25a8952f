"""Entry point: `python app.py` serves Borderlinks on http://127.0.0.1:8050; `gunicorn -w N app:server`.

HOST and PORT override the address (defaults 127.0.0.1 and 8050). The databases are checked first
(dashboard/startup_checks.py): a damaged or locked one gives a one-paragraph error, not a traceback.
Every answer names its worker process in the header X-Borderlinks-Worker.
"""

from __future__ import annotations

import os
import sys

from dashboard.startup_checks import startup_problems
from dashboard.web.unavailable import error_server

# a damaged or locked database: say so in one paragraph (here and as the only page), not as a traceback
problems = startup_problems()
if problems:
    print("\n\n".join(problems), file=sys.stderr)
    app = None
    server = error_server(problems)
else:
    from dashboard.app import create_app
    from dashboard.warmup import warm_in_background

    app = create_app()
    server = app.server
    warm_in_background()

    @server.after_request
    def _name_the_worker(response):
        """Which worker process answered (gunicorn -w N): cheap, and tells a load balancer's logs apart."""
        response.headers["X-Borderlinks-Worker"] = str(os.getpid())
        return response

if __name__ == "__main__":
    (app or server).run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8050")),
                        debug=False)
