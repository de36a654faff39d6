"""kaikille locator: where residents get digital help, and how to find the nearest place."""
