"""Knotenpunkt's one exception to schemathesis' checks (tests/schemathesis.rs).

`positive_data_acceptance` sends bodies that fit their schema and expects
them to be taken. A write can still be refused for a rule no JSON Schema can
state: a slug or id that names nothing in the database (a cooperation's
partners, a membership's cohort), a rule across fields (`left_on` before
`joined_on`, a rotation order without hosting by rotation), a recurrence
rule the calendar engine cannot expand. The document says so in each 422's
description, and the server answers such a refusal as a validation problem
naming the field.

That refusal is accepted here, and one more that the document states in
words: a whole number written with a fraction (`90.0`), which JSON Schema
counts as an integer and serde's reader does not.

A body the server could not otherwise read into its types, although the
schema said it fits, stays a failure: that is the document and the code
disagreeing about the shape of a value (an enum spelt differently, a pattern
too loose). The JSON reader marks its messages with the place in the body
(`at line 1 column 42`); the rules of the domain never do.
"""

import re

import schemathesis

# Where serde_json's messages say they stopped reading.
JSON_READER = re.compile(r" at line \d+ column \d+$")
# serde_json refusing `90.0` where it reads an integer type.
WHOLE_FLOAT = re.compile(r"^invalid type: floating point `-?\d+\.0`, expected [iu](8|16|32|64|size) at line")


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """Keep every failure except a 422 for a rule the schema cannot state."""
    if failure.code != "ST202" or response.status_code != 422:
        return True
    try:
        problem = response.json()
    except ValueError:
        return True
    if not isinstance(problem, dict) or problem.get("type") != "urn:knotenpunkt:problem:validation":
        return True
    errors = problem.get("errors")
    if not errors:
        return True
    return any(
        JSON_READER.search(m) and not WHOLE_FLOAT.search(m)
        for m in (e.get("message", "") for e in errors)
    )
