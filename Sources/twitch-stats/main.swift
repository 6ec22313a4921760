print("twitch-stats")
