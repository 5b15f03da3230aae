"""The gazette's other documents: the food-safety checklist, its self-assessment and the rehabilitation
standards."""
