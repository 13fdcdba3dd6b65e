"""All business rules: one module per aggregate, one public async function per action."""
