"""The hot-seat game window (pygame-ce + pygame_gui).

A thin client of the engine: it renders only what ``game.core.observe(state, seat).view`` gives the
seat at the screen (or, when the table asks for it, an explicit umpire view), applies every move
through ``game.apply``, and keeps its own state (the proposal builder's form, the screen
being shown) out of the game's. ``app.run()`` opens the window; ``session`` holds the game, the
AI seats and the autosave; ``builder`` turns the proposal form into the rules' step actions.
"""
