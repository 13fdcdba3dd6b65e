"""Customer sign-up profiles: one Starlette sub-app per profile, each owning its parser,
renderer and error handler and nothing else; every profile calls the same resolvers
(STYLE "Layout", habit 6). None exists yet."""
