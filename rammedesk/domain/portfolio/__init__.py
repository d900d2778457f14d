"""A municipality's placements, their budget and til-/afgang assumptions, projected by month."""
