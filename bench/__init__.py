"""`make bench`: the push benchmark on PostgreSQL, Redis and real worker processes.

It is not part of the test suite: it measures, it does not check behaviour
(beyond comparing the end state with the hand-written SQL floor).
"""
