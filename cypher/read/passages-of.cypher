// The passages of each provision, in order.
UNWIND $provisions AS provision
MATCH (passage:Passage {_generation: $generation, provision: provision})
RETURN provision, properties(passage) AS passage
ORDER BY passage.ordinal
