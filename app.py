"""Entry point: `python app.py` serves Borderlinks on http://127.0.0.1:8050; `gunicorn app:server`.

HOST and PORT override the address (defaults 127.0.0.1 and 8050).
"""

from __future__ import annotations

import os

from dashboard.app import create_app
from dashboard.warmup import warm_in_background

app = create_app()
server = app.server
warm_in_background()

if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8050")), debug=False)
