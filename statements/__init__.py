"""kaikille statements: accessibility statements in Finnish, Swedish and English, from evidence."""
