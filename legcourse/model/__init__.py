"""The musculoskeletal model behind the figures on real bones and the moment arms.

MyoLeg (the Rajagopal et al. 2016 lower-limb model, as packaged by ``myo-sim`` for MuJoCo) is
loaded from the installed package the first time something asks for it, never at import.
"""
