"""A practice's long texts in every UI language (issue 20): problem, actions, results and organisation stay
in the practice's original language as before, and each gets a translation column per language
(problem_en, problem_ru, problem_zh, actions_en, ...). All new columns are NULL: nothing old is rewritten;
the reference practices get their translations from data/practices.csv on the app's next import
(dashboard.registry.practices.sync_reference_practices).

Frozen once released: the column list is written out here, not imported.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 18:30:00

Every migration has its own test in tests/test_registry_migrations.py (rows written before it survive it).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

TEXTS = ("problem", "actions", "results", "organisation")
LANGUAGES = ("en", "ru", "zh")
COLUMNS = [f"{text}_{language}" for text in TEXTS for language in LANGUAGES]


def upgrade() -> None:
    with op.batch_alter_table('practices') as batch_op:
        for text in TEXTS:
            for language in LANGUAGES:
                batch_op.add_column(sa.Column(f"{text}_{language}", sa.Text(), nullable=True,
                                              comment=f"{text} translated into {language} (NULL: only the original)"))


def downgrade() -> None:
    with op.batch_alter_table('practices') as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
