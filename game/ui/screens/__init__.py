"""The screens of the game window."""
