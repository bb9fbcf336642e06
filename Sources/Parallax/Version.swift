public enum ParallaxVersion { public static let string = "0.1.0" }
