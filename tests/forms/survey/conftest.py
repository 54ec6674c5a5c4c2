# The office's staff, one per role (and an operator of another kecamatan), as the review tests define them.
from tests.forms.review.test_review_transitions import staff  # noqa: F401
