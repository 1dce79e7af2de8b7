"""The course policy as pure functions: DataFrames and the plan in, standings out, no I/O.

That makes every rule testable with property-based tests, and the same code
serves nbgrader (the late-penalty plugin) and our reports.
"""
