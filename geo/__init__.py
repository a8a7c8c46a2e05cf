"""Pure logic for the NATO–Pakistan Atlas: read, validate, filter, measure, style."""
