"""One form per wizard step. Forms check the shape of answers and hold no rule: what to ask for
this case (position questions, the employer's letter) comes from the rule set they are given."""
