"""How the command line shows things, one module per topic: text for people, and the stable JSON
forms that are a contract for scripts. Pure formatting of core values: no database, no parsing.
"""
