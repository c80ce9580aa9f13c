// How many passages there are.
MATCH (passage:Passage {_generation: $generation})
RETURN count(passage) AS count
