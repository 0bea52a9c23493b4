"""The benchmark behind ``make bench``: a generated 10-year dataset, a bare
Pyramid hello-world app as the framework's limit, and a runner that measures
both under ``wrk`` on the same waitress settings. It prints figures and
asserts none; CI only keeps the code working (tests/bench/).
"""
