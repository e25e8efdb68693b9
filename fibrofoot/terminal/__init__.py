"""The terminal edge: the command line, the walkthrough and the two ways of asking."""
