"""The officer's step-by-step assessment: steps, forms, views. Holds no rule of the instructions:
what to ask and what follows from the answers comes from the rule set and the engine."""
