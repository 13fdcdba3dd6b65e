"""Server-rendered HTML pages: the OAuth sign-in page (`sign_in`), the pages behind emailed
links (`users`), their common layout and the CSRF protection of every form."""
