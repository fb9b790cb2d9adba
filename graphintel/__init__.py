"""graphintel: police intelligence on child exploitation, as a graph analysts can question.

The library behind the ``graphintel`` command. Importing it has no side effects: nothing
connects, reads configuration or writes files until a function is called.
"""

__version__ = "0.1.0"
