"""Analysis on top of the rules and the agents: the headless runner, balance reports, the
conformance checker and the PettingZoo environment.
"""
