"""Values a real base may hold that once broke the reports (issue 13)."""
LONG_ELEVE_ID = "EL" + "0123456789" * 30  # 302 characters: longer than any file name may be
HOSTILE_NOM = "École du Lac @import url(//cdn.example.org/x.css) <img src=//exemple.fr/a.png>"
