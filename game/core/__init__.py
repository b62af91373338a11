"""The rules core: the game state, the rules that change it, scoring, observations and records.

It knows nothing of pygame, the agents or the command line; clients use it through ``game``.
"""
